package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The staff screen's 与中心同步 panel on a kiosk whose central platform cannot be reached: not
 * connected, never in contact, what waits and since when, and why, in plain words, in both
 * languages.
 */
@ExtendWith(ScreenshotOnFailure.class)
class StaffSyncIT {
    @RegisterExtension
    static final KioskSession session = KioskSession.standard()
            .withSync(URI.create("ws://127.0.0.1:" + closedPort() + "/sync/v1"));

    @Test
    void anUnreachablePlatformIsSaidInPlainWords() {
        session.page().openHome();
        session.browser().waitUntil("the page's event stream is open",
                d -> "open".equals(session.browser().js("return document.documentElement.dataset.events;")));
        session.staff().logIn();
        session.browser().waitUntil("the sync panel", d -> "false".equals(session.browser().visible("staff-sync")
                .getDomAttribute("data-connected")));

        assertTrue(session.browser().visible("sync-state").getText().startsWith("没有连上中心平台"),
                session.browser().visible("sync-state").getText());
        assertTrue(session.browser().visible("sync-state").getText().contains("断网时照常受理"));
        assertEquals("上次联系中心：从未联系上", session.browser().visible("sync-contact").getText());
        String queue = session.browser().visible("sync-queue").getText();
        // the devices' health at start waits for the platform, at least
        assertTrue(queue.matches("等待上报：\\d+ 条"), queue);
        assertEquals(queue, "等待上报：" + session.browser().visible("staff-sync").getDomAttribute("data-queue") + " 条");
        assertTrue(session.browser().visible("sync-oldest").getText().startsWith("最早的一条已等了 "),
                session.browser().visible("sync-oldest").getText());
        assertEquals("unreachable", session.browser().visible("sync-error").getDomAttribute("data-kind"));
        assertEquals("最近的问题：连不上中心平台，可能是网络断了或中心平台暂停服务",
                session.browser().visible("sync-error").getText());
        assertTrue(session.browser().visible("sync-error-detail").getText().startsWith("cannot connect"),
                "the technician's words stay, small");
        showPanel();
        session.browser().screenshot("79-staff-sync-offline");

        session.page().switchLanguage("en");
        session.browser().waitUntil("the panel in English", d -> session.browser().visible("sync-state").getText()
                .startsWith("Not connected to the central platform"));
        assertEquals("Last contact with the centre: never", session.browser().visible("sync-contact").getText());
        assertTrue(session.browser().visible("sync-queue").getText().matches("Waiting to be sent: \\d+"),
                session.browser().visible("sync-queue").getText());
        assertEquals("Latest problem: cannot reach the central platform; the network may be down or the platform"
                + " paused", session.browser().visible("sync-error").getText());
        assertFalse(session.browser().driver().getPageSource().contains("ui-test-credential"),
                "the kiosk's credential never reaches the page");
        showPanel();
        session.browser().screenshot("79-staff-sync-offline-en");
        session.page().switchLanguage("zh-CN");
        session.staff().logOut();
    }

    private static void showPanel() {
        session.browser().js("document.querySelector(\"[data-testid='staff-sync']\").closest('section')"
                + ".scrollIntoView({block: 'start'});");
    }

    /** A loopback port nothing listens on: taken from the system, then let go. */
    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
