package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.jinban.kiosk.screen.ScreenConfig;
import org.jinban.ui.testing.AppealPage;
import org.jinban.ui.testing.Browser;
import org.jinban.ui.testing.Cleanup;
import org.jinban.ui.testing.FetchSpy;
import org.jinban.ui.testing.KioskFixture;
import org.jinban.ui.testing.KioskPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk service stops under an open page (a crash, a restart by the watchdog, an update):
 * the page says so in plain words instead of the browser's error page, and comes back by itself
 * when the service answers again, home for the next resident, or still on a receipt the kiosk
 * had confirmed. Each test runs its own kiosk on a port that stays the same across the restart.
 */
class ServicePausedIT {
    static Browser browser;

    @TempDir
    Path dir;
    int port;
    Path webRoot;
    KioskFixture kiosk;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        Cleanup.closeAll(browser);
    }

    @BeforeEach
    void startKiosk() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        webRoot = KioskFixture.webRoot();
        kiosk = start();
    }

    @AfterEach
    void stopKiosk() {
        Cleanup.closeAll(kiosk);
        kiosk = null;
    }

    private KioskFixture start() {
        return KioskFixture.start(dir.resolve("data"), KioskFixture.IDLE_TIMEOUT, KioskFixture.ELDER_IDLE_TIMEOUT,
                KioskFixture.DEMO_CATALOG, port, Optional.empty(), ScreenConfig.never(), webRoot);
    }

    private KioskPage page() {
        return new KioskPage(browser, kiosk);
    }

    private void stop() {
        kiosk.close();
        kiosk = null;
    }

    private boolean paused() {
        return browser.present("service-paused") && browser.driver().findElement(Browser.testId("service-paused")).isDisplayed();
    }

    private void waitForPaused() {
        browser.waitUntil("the service-paused notice", Duration.ofSeconds(15), d -> paused());
        assertEquals("暂停服务", browser.visible("paused-title-zh").getText());
        assertEquals("自助服务机正在启动或维护，请稍候，或到服务窗口办理。", browser.visible("paused-body-zh").getText());
        assertEquals("Service paused", browser.visible("paused-title-en").getText());
        assertTrue(browser.visible("paused-title-zh").getLocation().getY()
                < browser.visible("paused-title-en").getLocation().getY(), "Chinese first, English below");
        // Still our page: no reload that would have ended on the browser's error page.
        assertTrue(browser.driver().getCurrentUrl().startsWith("http://127.0.0.1:" + port + "/"),
                browser.driver().getCurrentUrl());
        assertEquals("still-here", browser.js("return window.__jbMarker || null;"), "the page did not reload");
        assertEquals(Boolean.TRUE, browser.js("return !!document.getElementById('topbar') && !!document.getElementById('app');"));
    }

    private void waitForBack() {
        browser.waitUntil("the notice gone when the kiosk answers again", Duration.ofSeconds(25), d -> !paused());
    }

    private void mark() {
        browser.js("window.__jbMarker = 'still-here';");
    }

    @Test
    void aHalfFinishedVisitIsForgottenAndTheNextResidentFindsHome() {
        page().openHome();
        page().openCatalog();
        page().typeOnKeys("lnr");
        page().waitForResults("lnr");
        mark();

        stop();
        waitForPaused();
        browser.screenshot("93-service-paused-zh");
        // Nothing under the notice answers a touch.
        browser.tap(browser.visible("service-paused"));
        assertTrue(paused());

        kiosk = start();
        waitForBack();
        page().waitForScreen("home");
        assertEquals("still-here", browser.js("return window.__jbMarker || null;"), "same version: no reload");
        assertEquals("zh-CN", page().htmlLang());
        page().openCatalog();
        assertEquals("", page().searchText(), "the last resident's search is forgotten");
        assertEquals(KioskFixture.STATION_ZH, browser.js(
                "return fetch('/api/v1/kiosk/settings').then((r) => r.json()).then((s) => s.stationName['zh-CN']);"));
    }

    @Test
    void aReceiptTheKioskConfirmedStaysOnTheScreen() {
        page().openHome();
        page().switchLanguage("en");
        AppealPage appeals = new AppealPage(browser, page());
        String no = appeals.fileQuickly("SAFETY", "SAFETY-FIRE-EXIT", null);
        mark();

        stop();
        waitForPaused();
        browser.screenshot("94-service-paused-en");

        kiosk = start();
        waitForBack();
        assertEquals("receipt", page().screen(), "the receipt of a filed appeal is not taken away");
        assertEquals(no, browser.visible("tracking-no").getText());
        assertEquals("en", page().htmlLang());
        appeals.done();
        page().waitForScreen("home");
    }

    /**
     * The kiosk saved the appeal but its answer was lost, then the kiosk went away: the filing is
     * kept through the pause, and trying again gets the saved appeal back, never a second one.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aFilingWhoseAnswerWasLostIsKeptToTryAgain() {
        page().openHome();
        AppealPage appeals = new AppealPage(browser, page());
        FetchSpy spy = new FetchSpy(browser).install();
        appeals.open();
        appeals.chooseMatter("LIVELIHOOD", "LIVELIHOOD-SUBSISTENCE");
        appeals.tapPhrase(0);
        appeals.next();
        appeals.waitForStep("phone");
        browser.tap("btn-no-phone");
        appeals.stayAnonymous();
        appeals.next();
        appeals.waitForStep("place");
        appeals.next();
        appeals.confirmConsent();
        spy.loseAnswer("POST", "/api/v1/appeals", 1);
        appeals.submit();
        browser.visible("btn-submit-retry");
        String saved = String.valueOf(((Map<String, Object>) spy.calls("POST", "/api/v1/appeals").getFirst()
                .get("json")).get("trackingNo"));
        mark();

        stop();
        waitForPaused();
        kiosk = start();
        waitForBack();
        assertEquals("appeal", page().screen(), "the filing is not forgotten");
        assertEquals("review", appeals.step());
        browser.tap("btn-submit-retry");
        assertEquals(saved, appeals.waitForReceipt(), "the appeal the kiosk had saved, not a second one");
    }

    @Test
    void aNewVersionInstalledMeanwhileIsLoadedOnceTheKioskAnswers() throws IOException {
        Path copy = dir.resolve("web");
        copyTree(KioskFixture.webRoot(), copy);
        webRoot = copy;
        stop();
        kiosk = start();
        page().openHome();
        mark();

        stop();
        waitForPaused();
        // The update: a changed page, newer than the one shown.
        Path index = copy.resolve("index.html");
        Files.writeString(index, Files.readString(index).replace("<body>", "<body data-version=\"2\">"));
        Files.setLastModifiedTime(index, FileTime.from(Instant.now().plusSeconds(120)));

        kiosk = start();
        browser.waitUntil("the new version loaded", Duration.ofSeconds(25),
                d -> "2".equals(browser.js("return document.body.dataset.version || null;")));
        page().waitForScreen("home");
        assertFalse(paused());
        assertEquals("none", browser.js("return window.__jbMarker || 'none';"), "it was reloaded");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(from)) {
            all = walk.toList();
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
