package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jinban.ui.testing.Browser;
import org.jinban.ui.testing.Cleanup;
import org.jinban.ui.testing.KioskFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * offline.html as the screen session opens it, from the disk (file://), before the kiosk
 * service is up: plain words while nothing answers, the kiosk's page by itself once it does,
 * and never anywhere but the kiosk on this machine.
 */
class OfflineScreenIT {
    @TempDir
    Path dir;
    Browser browser;
    KioskFixture kiosk;

    @BeforeEach
    void open() {
        browser = Browser.start();
    }

    @AfterEach
    void close() {
        Cleanup.closeAll(browser, kiosk);
    }

    private static String offlinePage(String next) {
        Path page = Path.of(System.getProperty("jinban.webRoot", "src/main/web")).toAbsolutePath().resolve("offline.html");
        return page.toUri() + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private int attempts() {
        Object n = browser.js("return document.documentElement.dataset.attempts || '0';");
        return Integer.parseInt(String.valueOf(n));
    }

    @Test
    void saysSoInPlainWordsThenOpensTheKioskByItselfWhenItAnswers() throws Exception {
        int port = freePort(); // nothing listens there yet
        String next = "http://127.0.0.1:" + port + "/";
        browser.driver().get(offlinePage(next));

        assertEquals("自助服务机正在启动或维护", browser.visible("offline-title-zh").getText());
        assertEquals("请稍候，或到服务窗口办理。", browser.visible("offline-body-zh").getText());
        assertEquals("This kiosk is starting or under maintenance", browser.visible("offline-title-en").getText());
        assertTrue(browser.visible("offline-title-zh").getLocation().getY()
                < browser.visible("offline-title-en").getLocation().getY(), "Chinese first, English below");
        String text = browser.driver().findElement(Browser.testId("offline")).getText();
        for (String technical : List.of("ERR_", "error", "Error", "错误", "127.0.0.1", "health", "connection")) {
            assertFalse(text.contains(technical), "no technical words for the resident: " + technical + " in " + text);
        }
        assertEquals(next, browser.js("return document.documentElement.dataset.next;"));
        browser.waitUntil("a second attempt while nothing answers", Duration.ofSeconds(8), d -> attempts() >= 2);
        assertTrue(browser.driver().getCurrentUrl().startsWith("file:"), "it stays while nothing answers");
        assertEquals("waiting", browser.js("return document.documentElement.dataset.state;"));
        browser.screenshot("90-offline-screen");

        kiosk = KioskFixture.start(dir.resolve("data"), KioskFixture.IDLE_TIMEOUT, KioskFixture.ELDER_IDLE_TIMEOUT,
                KioskFixture.DEMO_CATALOG, port);
        browser.waitUntil("the kiosk's home screen, opened by the offline screen itself", Duration.ofSeconds(25),
                d -> d.getCurrentUrl().startsWith(next) && !browser.all(Browser.testId("screen-home")).isEmpty());
        assertEquals(KioskFixture.STATION_ZH, browser.visible("station-name").getText());
    }

    @Test
    void aNextThatIsNotTheKioskOnThisMachineIsNeverOpened() throws Exception {
        browser.driver().get(offlinePage("https://evil.example/"));
        browser.visible("offline-title-zh");
        assertEquals("http://127.0.0.1:8080/", browser.js("return document.documentElement.dataset.next;"),
                "a hostile next is ignored for the kiosk's default address");

        for (String hostile : List.of("https://evil.example/", "http://evil.example:8080/", "//evil.example/",
                "http://127.0.0.1.evil.example:8080/", "http://127.0.0.1@evil.example/", "http://evil@127.0.0.1:8080/",
                "https://127.0.0.1:8080/", "file:///etc/passwd", "javascript:document.title='pwned'",
                "data:text/html,<h1>x</h1>", "http://[::1]:8080/", "http://0x7f000001:8080/x", "/observe", "")) {
            Object safe = browser.js("return window.jinbanOffline.safeNext(arguments[0]);", hostile);
            boolean numericLoopback = hostile.contains("0x7f000001");
            if (numericLoopback) {
                // the URL parser reads 0x7f000001 as 127.0.0.1: still this machine's kiosk
                assertEquals("http://127.0.0.1:8080/x", safe);
            } else {
                assertNull(safe, () -> "refused: " + hostile);
            }
        }
        for (String good : List.of("http://127.0.0.1:8080/", "http://localhost:9090/", "http://127.0.0.1:8080/#/")) {
            assertEquals(good, browser.js("return window.jinbanOffline.safeNext(arguments[0]);", good));
        }

        // A script as next would run in the page if it were opened: it is not.
        browser.driver().get(offlinePage("javascript:document.title='pwned'"));
        browser.waitUntil("two attempts at the default address", Duration.ofSeconds(8), d -> attempts() >= 2
                || d.getCurrentUrl().startsWith("http://127.0.0.1:8080/"));
        assertEquals("就近办", browser.driver().getTitle());
        String at = browser.driver().getCurrentUrl();
        assertTrue(at.startsWith("file:") || at.startsWith("http://127.0.0.1:8080/"), at);
    }
}
