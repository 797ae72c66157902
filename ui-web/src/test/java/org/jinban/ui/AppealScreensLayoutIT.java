package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jinban.ui.testing.AppealPage;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.Layout;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The appeal and staff screens as TouchTargetsIT and ElderlyModeIT check the others: every
 * target at least 48 px, and in elderly mode airy lines and never a pop-up; English too.
 */
@ExtendWith(ScreenshotOnFailure.class)
class AppealScreensLayoutIT {
    static final double MIN_TARGET = 48;
    static final double MIN_LINE_HEIGHT = 1.3;

    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    @BeforeEach
    void fresh() {
        session.page().openHome();
        session.browser().waitUntil("the page's event stream is open",
                d -> "open".equals(session.browser().js("return document.documentElement.dataset.events;")));
    }

    @AfterEach
    void cardAway() {
        session.simulator().removeCardAndWait();
    }

    @Test
    void everyTargetIsBigEnough() {
        walkTheScreens("normal", false);
    }

    @Test
    void elderlyModeHasNoPopUpsAndAiryLines() {
        session.layout().watchForOverlays();
        session.page().setElder(true);
        walkTheScreens("elder", true);
        assertEquals(List.of(), session.layout().overlaysSeen(), "pop-ups that came and went");
        assertFalse(session.browser().alertOpen());
    }

    @Test
    void inEnglishEveryWordIsEnglish() {
        session.page().switchLanguage("en");
        AppealPage appeals = session.appeals();
        appeals.open();
        assertEquals("Step 1 of 6: Type", appeals.stepText());
        assertNoChinese("domains");
        appeals.chooseMatter("SAFETY", "SAFETY-FIRE-EXIT");
        appeals.next();
        assertEquals("Please write what you want to report (at most 2,000 characters).", appeals.waitForFieldError("description"));
        session.browser().screenshot("65-appeal-english-description");
        appeals.tapPhrase(0);
        appeals.next();
        appeals.waitForStep("phone");
        session.browser().tap("btn-no-phone");
        appeals.stayAnonymous();
        appeals.next();
        appeals.waitForStep("place");
        appeals.next();
        appeals.waitForStep("review");
        assertNoChinese("review");
        appeals.confirmConsent();
        appeals.submit();
        appeals.waitForReceipt();
        appeals.waitForPrintState("PRINTED");
        assertNoChinese("receipt");
        session.browser().screenshot("66-appeal-english-receipt");
    }

    private void walkTheScreens(String mode, boolean elder) {
        AppealPage appeals = session.appeals();
        check(mode + " home");
        appeals.open();
        check(mode + " domains");
        session.browser().tap("domain-SAFETY");
        session.browser().visible("matter-SAFETY-FIRE-EXIT");
        check(mode + " matters");
        session.browser().tap("matter-SAFETY-FIRE-EXIT");
        appeals.waitForStep("description");
        appeals.tapPhrase(0);
        check(mode + " description");
        if (elder) {
            session.browser().screenshot("67-elder-appeal-description");
        }
        appeals.next();
        appeals.waitForStep("phone");
        check(mode + " phone");
        appeals.next();
        session.simulator().placeCard();
        appeals.useCard();
        check(mode + " identity with a card");
        appeals.next();
        appeals.waitForStep("place");
        session.browser().tap("place-other");
        session.browser().visible("place");
        check(mode + " place described");
        session.browser().tap("place-grid");
        appeals.next();
        appeals.confirmConsent();
        check(mode + " review");
        if (elder) {
            session.browser().screenshot("68-elder-appeal-review");
        }
        appeals.submit();
        appeals.waitForReceipt();
        appeals.waitForPrintState("PRINTED");
        check(mode + " receipt");
        if (elder) {
            session.browser().screenshot("69-elder-appeal-receipt");
        }
        appeals.done();
        session.page().waitForScreen("home");
        session.simulator().removeCardAndWait();
        if (elder) {
            session.page().setElder(true); // 完成 ended the visit, elderly mode with it
        }

        session.lookup().open();
        check(mode + " lookup");
        session.page().tapHome();
        session.staff().open();
        check(mode + " staff login");
        session.staff().scanBadge("JBSTAFF:S001");
        check(mode + " staff PIN");
        session.staff().enterPin("246810");
        session.staff().waitForHome();
        session.staff().waitForList("unacknowledged");
        check(mode + " staff home");
        if (elder) {
            session.browser().screenshot("79-elder-staff-home");
        }
        session.staff().logOut();
    }

    private void check(String where) {
        long count = session.layout().interactiveCount();
        List<String> small = session.layout().smallTargets(MIN_TARGET);
        if (!session.page().elderOn()) {
            assertAll(where,
                    () -> assertTrue(count >= 3, where + ": only " + count + " interactive elements"),
                    () -> assertEquals(List.of(), small, where + ": targets under " + MIN_TARGET + " px"));
            return;
        }
        Layout.TextCheck lines = session.layout().tightLines("body", MIN_LINE_HEIGHT);
        assertAll(where,
                () -> assertTrue(lines.checked() > 0, where + ": no text"),
                () -> assertEquals(List.of(), lines.tight(), where + ": lines tighter than " + MIN_LINE_HEIGHT),
                () -> assertEquals(List.of(), small, where + ": targets under " + MIN_TARGET + " px"),
                () -> assertEquals(List.of(), session.layout().overlays(), where + ": pop-ups"));
    }

    private void assertNoChinese(String where) {
        String text = session.browser().js("return document.getElementById('app').innerText;");
        // The station's and the kiosk's own names may stay Chinese; nothing of the page's words.
        String rest = text.replace("就近办", "");
        assertFalse(rest.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                where + " has Chinese in English: " + text);
    }
}
