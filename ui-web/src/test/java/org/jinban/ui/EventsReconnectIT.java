package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.jinban.ui.testing.Browser;
import org.jinban.ui.testing.Cleanup;
import org.jinban.ui.testing.KioskFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page keeps listening to the kiosk's events across a kiosk restart, by itself. */
class EventsReconnectIT {
    @TempDir
    Path dir;

    private static String events(Browser browser) {
        Object state = browser.js("return document.documentElement.dataset.events;");
        return String.valueOf(state);
    }

    @Test
    void thePageHearsTheKioskAgainAfterItRestarts() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("data");
        KioskFixture first = KioskFixture.start(data, KioskFixture.IDLE_TIMEOUT, KioskFixture.ELDER_IDLE_TIMEOUT,
                KioskFixture.DEMO_CATALOG, port);
        Browser browser = Browser.start();
        KioskFixture second = null;
        try {
            browser.driver().get(first.baseUrl());
            browser.waitUntil("the event stream open", Duration.ofSeconds(10), d -> "open".equals(events(browser)));
            first.close();
            browser.waitUntil("the page noticing the kiosk is gone", Duration.ofSeconds(10),
                    d -> !"open".equals(events(browser)));

            second = KioskFixture.start(data, KioskFixture.IDLE_TIMEOUT, KioskFixture.ELDER_IDLE_TIMEOUT,
                    KioskFixture.DEMO_CATALOG, port);
            browser.waitUntil("the event stream open again", Duration.ofSeconds(30), d -> "open".equals(events(browser)));
            second.simulate("/help", "{}");
            browser.waitUntil("the help banner from the restarted kiosk", Duration.ofSeconds(5),
                    d -> browser.present("help-banner") && browser.visible("help-banner").isDisplayed());
            Object screen = browser.js("return document.querySelector('main').dataset.screen;");
            assertEquals("home", screen);
        } finally {
            Cleanup.closeAll(browser, second);
        }
    }
}
