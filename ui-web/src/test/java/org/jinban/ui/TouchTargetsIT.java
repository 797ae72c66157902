package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Normal mode: every visible thing a finger can tap is at least 48 x 48 CSS px, on every screen. */
@ExtendWith(ScreenshotOnFailure.class)
class TouchTargetsIT {
    static final double MIN_TARGET = 48;

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
    void everyTargetIsBigEnough() {
        page.openHome();
        assertTargets("home", 4);

        page.openCatalog();
        assertTargets("catalog (keyboard, departments)", 40);
        browser.tap("tab-life-events");
        browser.visible("tab-life-events");
        browser.waitUntil("the life-event entries",
                d -> !d.findElements(By.cssSelector("[data-testid^='event-']")).isEmpty());
        assertTargets("catalog (life events)", 40);

        page.typeOnKeys("lnr");
        page.waitForResults("lnr");
        assertTargets("catalog (results)", 40);

        String code = kiosk.firstCode("lnr");
        page.openItem(code);
        assertTargets("item", 4);

        page.switchLanguage("en");
        page.waitForItem(code);
        assertTargets("item in English", 4);
    }

    private void assertTargets(String screen, int atLeast) {
        long count = layout.interactiveCount();
        assertTrue(count >= atLeast, screen + ": only " + count + " interactive elements found");
        assertEquals(List.of(), layout.smallTargets(MIN_TARGET), screen + ": targets under " + MIN_TARGET + " px");
    }
}
