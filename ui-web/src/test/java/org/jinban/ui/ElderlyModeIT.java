package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.Layout;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** 老人模式: text at least twice as big, airy lines, big targets, and never a pop-up. */
@ExtendWith(ScreenshotOnFailure.class)
class ElderlyModeIT {
    static final double MIN_TARGET = 48;
    static final double MIN_LINE_HEIGHT = 1.3;

    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    @Test
    void elderlyModeDoublesTextAndKeepsEverythingTappable() {
        String code = session.kiosk().firstCode("lnr");

        // Normal sizes first, measured on the same screens.
        session.page().openHome();
        assertFalse(session.page().elderOn());
        double rootNormal = session.layout().fontSize(":root");
        double bodyNormal = session.layout().fontSize("body");
        double welcomeNormal = session.layout().fontSize(".home-welcome");
        session.page().openCatalog();
        session.page().typeOnKeys("lnr");
        session.page().waitForResults("lnr");
        double resultNormal = session.layout().fontSize(".result-name");
        session.page().openItem(code);
        double itemTextNormal = session.layout().fontSize(".item-text");
        session.page().tapHome();

        session.layout().watchForOverlays();
        session.page().setElder(true);
        assertNoPopUp("after turning elderly mode on");
        assertAll(
                () -> assertTrue(session.layout().fontSize(":root") >= 2 * rootNormal,
                        "root font " + session.layout().fontSize(":root") + " vs normal " + rootNormal),
                () -> assertTrue(session.layout().fontSize("body") >= 2 * bodyNormal,
                        "body font " + session.layout().fontSize("body") + " vs normal " + bodyNormal),
                () -> assertTrue(session.layout().fontSize(".home-welcome") >= 2 * welcomeNormal,
                        "welcome text " + session.layout().fontSize(".home-welcome") + " vs normal " + welcomeNormal),
                () -> assertEquals("开", session.browser().visible("btn-elder").findElement(By.cssSelector(".elder-state")).getText()));
        assertScreenIsElderFriendly("home", "#app");
        session.browser().screenshot("06-elder-home");

        session.page().openCatalog();
        assertTrue(session.page().elderOn(), "elderly mode stays on across screens");
        assertNoPopUp("catalog");
        assertScreenIsElderFriendly("catalog", "#app");
        session.page().typeOnKeys("lnr");
        assertNoPopUp("while typing");
        session.page().waitForResults("lnr");
        assertTrue(session.layout().fontSize(".result-name") >= 2 * resultNormal,
                "result name " + session.layout().fontSize(".result-name") + " vs normal " + resultNormal);
        assertScreenIsElderFriendly("result rows", "[data-testid='results']");
        session.browser().screenshot("06b-elder-results");

        session.page().openItem(code);
        assertNoPopUp("item");
        assertTrue(session.layout().fontSize(".item-text") >= 2 * itemTextNormal,
                "item text " + session.layout().fontSize(".item-text") + " vs normal " + itemTextNormal);
        assertScreenIsElderFriendly("item", "#app");
        session.browser().screenshot("07-elder-item");

        session.page().setElder(false);
        assertEquals(rootNormal, session.layout().fontSize(":root"), "turning it off restores the normal size");
        assertNoPopUp("after turning elderly mode off");
    }

    private void assertScreenIsElderFriendly(String where, String textScope) {
        Layout.TextCheck body = session.layout().tightLines("body", MIN_LINE_HEIGHT);
        Layout.TextCheck scope = session.layout().tightLines(textScope, MIN_LINE_HEIGHT);
        List<String> small = session.layout().smallTargets(MIN_TARGET);
        assertAll(where,
                () -> assertTrue(scope.checked() > 0, "no text found in " + textScope),
                () -> assertEquals(List.of(), body.tight(), where + ": lines tighter than " + MIN_LINE_HEIGHT),
                () -> assertEquals(List.of(), scope.tight(), where + ": lines tighter than " + MIN_LINE_HEIGHT),
                () -> assertTrue(session.layout().interactiveCount() > 2, where + ": no buttons found"),
                () -> assertEquals(List.of(), small, where + ": targets under " + MIN_TARGET + " px"));
    }

    private void assertNoPopUp(String when) {
        assertEquals(List.of(), session.layout().overlays(), "pop-ups " + when);
        assertEquals(List.of(), session.layout().overlaysSeen(), "pop-ups that came and went before " + when);
        assertFalse(session.browser().alertOpen(), "a JavaScript alert " + when);
    }
}
