package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.jinban.ui.testing.Browser;
import org.jinban.ui.testing.Cleanup;
import org.jinban.ui.testing.KioskFixture;
import org.jinban.ui.testing.KioskPage;
import org.jinban.ui.testing.Layout;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** 老人模式: text at least twice as big, airy lines, big targets, and never a pop-up. */
@ExtendWith(ScreenshotOnFailure.class)
class ElderlyModeIT {
    static final double MIN_TARGET = 48;
    static final double MIN_LINE_HEIGHT = 1.3;

    @TempDir
    static Path dataDir;
    static KioskFixture kiosk;
    static Browser browser;
    static KioskPage page;
    static Layout layout;

    @BeforeAll
    static void start() {
        kiosk = KioskFixture.start(dataDir);
        browser = Browser.start();
        page = new KioskPage(browser, kiosk);
        layout = new Layout(browser);
    }

    @AfterAll
    static void stop() {
        Cleanup.closeAll(browser, kiosk);
    }

    @Test
    void elderlyModeDoublesTextAndKeepsEverythingTappable() {
        String code = kiosk.firstCode("lnr");

        // Normal sizes first, measured on the same screens.
        page.openHome();
        assertFalse(page.elderOn());
        double rootNormal = layout.fontSize(":root");
        double bodyNormal = layout.fontSize("body");
        double welcomeNormal = layout.fontSize(".home-welcome");
        page.openCatalog();
        page.typeOnKeys("lnr");
        page.waitForResults("lnr");
        double resultNormal = layout.fontSize(".result-name");
        page.openItem(code);
        double itemTextNormal = layout.fontSize(".item-text");
        page.tapHome();

        layout.watchForOverlays();
        page.setElder(true);
        assertNoPopUp("after turning elderly mode on");
        assertAll(
                () -> assertTrue(layout.fontSize(":root") >= 2 * rootNormal,
                        "root font " + layout.fontSize(":root") + " vs normal " + rootNormal),
                () -> assertTrue(layout.fontSize("body") >= 2 * bodyNormal,
                        "body font " + layout.fontSize("body") + " vs normal " + bodyNormal),
                () -> assertTrue(layout.fontSize(".home-welcome") >= 2 * welcomeNormal,
                        "welcome text " + layout.fontSize(".home-welcome") + " vs normal " + welcomeNormal),
                () -> assertEquals("开", browser.visible("btn-elder").findElement(By.cssSelector(".elder-state")).getText()));
        assertScreenIsElderFriendly("home", "#app");
        browser.screenshot("06-elder-home");

        page.openCatalog();
        assertTrue(page.elderOn(), "elderly mode stays on across screens");
        assertNoPopUp("catalog");
        assertScreenIsElderFriendly("catalog", "#app");
        page.typeOnKeys("lnr");
        assertNoPopUp("while typing");
        page.waitForResults("lnr");
        assertTrue(layout.fontSize(".result-name") >= 2 * resultNormal,
                "result name " + layout.fontSize(".result-name") + " vs normal " + resultNormal);
        assertScreenIsElderFriendly("result rows", "[data-testid='results']");
        browser.screenshot("06b-elder-results");

        page.openItem(code);
        assertNoPopUp("item");
        assertTrue(layout.fontSize(".item-text") >= 2 * itemTextNormal,
                "item text " + layout.fontSize(".item-text") + " vs normal " + itemTextNormal);
        assertScreenIsElderFriendly("item", "#app");
        browser.screenshot("07-elder-item");

        page.setElder(false);
        assertEquals(rootNormal, layout.fontSize(":root"), "turning it off restores the normal size");
        assertNoPopUp("after turning elderly mode off");
    }

    private void assertScreenIsElderFriendly(String where, String textScope) {
        Layout.TextCheck body = layout.tightLines("body", MIN_LINE_HEIGHT);
        Layout.TextCheck scope = layout.tightLines(textScope, MIN_LINE_HEIGHT);
        List<String> small = layout.smallTargets(MIN_TARGET);
        assertAll(where,
                () -> assertTrue(scope.checked() > 0, "no text found in " + textScope),
                () -> assertEquals(List.of(), body.tight(), where + ": lines tighter than " + MIN_LINE_HEIGHT),
                () -> assertEquals(List.of(), scope.tight(), where + ": lines tighter than " + MIN_LINE_HEIGHT),
                () -> assertTrue(layout.interactiveCount() > 2, where + ": no buttons found"),
                () -> assertEquals(List.of(), small, where + ": targets under " + MIN_TARGET + " px"));
    }

    private void assertNoPopUp(String when) {
        assertEquals(List.of(), layout.overlays(), "pop-ups " + when);
        assertEquals(List.of(), layout.overlaysSeen(), "pop-ups that came and went before " + when);
        assertFalse(browser.alertOpen(), "a JavaScript alert " + when);
    }
}
