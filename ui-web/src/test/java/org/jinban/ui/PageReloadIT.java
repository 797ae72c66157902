package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jinban.ui.testing.KioskFixture;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kiosk's browser keeps the page in its HTTP cache and revalidates it on a reload (or after a
 * restart): the kiosk must answer 304 and the page must come back.
 */
@ExtendWith(ScreenshotOnFailure.class)
class PageReloadIT {
    @RegisterExtension
    static final KioskSession session = KioskSession.standard().withBrowserCache(); // like the real kiosk

    @Test
    void aReloadShowsThePageAgain() {
        session.page().openHome();
        session.page().openCatalog();
        session.browser().driver().navigate().refresh(); // revalidates index.html and its scripts (If-None-Match)
        session.page().waitForScreen("catalog");
        session.browser().visible("search-input");
        session.page().tapHome();
        session.browser().driver().navigate().refresh();
        session.page().waitForScreen("home");
        assertEquals(KioskFixture.STATION_ZH, session.page().text("station-name"));
    }
}
