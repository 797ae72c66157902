package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.jinban.ui.testing.Browser;
import org.jinban.ui.testing.Cleanup;
import org.jinban.ui.testing.KioskFixture;
import org.jinban.ui.testing.KioskPage;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's browser keeps the page in its HTTP cache and revalidates it on a reload (or after a
 * restart): the kiosk must answer 304 and the page must come back.
 */
@ExtendWith(ScreenshotOnFailure.class)
class PageReloadIT {
    @TempDir
    static Path dataDir;
    static KioskFixture kiosk;
    static Browser browser;
    static KioskPage page;

    @BeforeAll
    static void start() {
        kiosk = KioskFixture.start(dataDir);
        browser = Browser.start(true); // with the HTTP cache, like the real kiosk
        page = new KioskPage(browser, kiosk);
    }

    @AfterAll
    static void stop() {
        Cleanup.closeAll(browser, kiosk);
    }

    @Test
    void aReloadShowsThePageAgain() {
        page.openHome();
        page.openCatalog();
        browser.driver().navigate().refresh(); // revalidates index.html and its scripts (If-None-Match)
        page.waitForScreen("catalog");
        browser.visible("search-input");
        page.tapHome();
        browser.driver().navigate().refresh();
        page.waitForScreen("home");
        assertEquals(KioskFixture.STATION_ZH, page.text("station-name"));
    }
}
