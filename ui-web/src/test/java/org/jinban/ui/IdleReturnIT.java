package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jinban.ui.testing.KioskFixture;
import org.jinban.ui.testing.KioskPage;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idle return on a kiosk configured with short timeouts (3 s, 6 s in elderly mode): the next
 * resident finds the home screen in Chinese, elderly mode off and nothing of the last visit.
 */
@ExtendWith(ScreenshotOnFailure.class)
class IdleReturnIT {
    static final Duration IDLE = Duration.ofSeconds(3);
    static final Duration ELDER_IDLE = Duration.ofSeconds(6);

    @RegisterExtension
    static final KioskSession session = KioskSession.standard().withIdleTimeouts(IDLE, ELDER_IDLE);
    static String code;

    @BeforeAll
    static void start() {
        code = session.kiosk().firstCode("lnr");
    }

    @BeforeEach
    void fresh() {
        session.page().openHome();
        assertEquals(3, ((Number) session.browser().js("""
                return fetch('/api/v1/kiosk/settings').then((r) => r.json()).then((s) => s.idleTimeoutSeconds);""")).intValue(),
                "the page gets the short timeout from the kiosk");
    }

    @Test
    void elderlyEnglishVisitIsForgottenAfterTheElderlyTimeout() {
        session.page().switchLanguage("en");
        session.page().setElder(true);
        session.page().openCatalog();
        session.page().typeOnKeys("lnr");
        session.page().waitForResults("lnr");
        long tapped = System.nanoTime();
        session.browser().tap("result-" + code);
        session.page().waitForItem(code);

        sleepUntil(tapped, Duration.ofMillis(4500));
        assertEquals("item", session.page().screen(), "elderly mode waits longer than the normal 3 s");

        session.browser().waitUntil("the idle return to home", Duration.ofSeconds(10),
                d -> "home".equals(session.page().screen()) && session.browser().present("screen-home"));
        long after = elapsedMillis(tapped);
        assertTrue(after <= ELDER_IDLE.toMillis() + 2000, "home after " + after + " ms, expected about " + ELDER_IDLE);
        session.browser().visible("station-name");
        session.browser().screenshot("10-idle-home");
        assertAll(
                () -> assertEquals("zh-CN", session.page().htmlLang()),
                () -> assertFalse(session.page().elderOn(), "elderly mode is off"),
                () -> assertEquals("false", session.browser().visible("btn-elder").getDomAttribute("aria-pressed")),
                () -> assertEquals("回首页", session.page().text("btn-home")),
                () -> assertEquals(KioskFixture.STATION_ZH, session.page().text("station-name")),
                () -> assertTrue(session.browser().driver().getCurrentUrl().endsWith("#/"), session.browser().driver().getCurrentUrl()),
                () -> assertEquals(20.0, ((Number) session.browser().js(
                        "return parseFloat(getComputedStyle(document.documentElement).fontSize);")).doubleValue()));

        session.page().openCatalog();
        assertEquals("", session.page().searchText(), "the last resident's search is gone");
        assertTrue(session.browser().all(KioskPage.RESULT_ROWS).isEmpty(), "no results of the last visit");
        session.browser().visible("tab-departments");
        assertEquals("输入要办的事", session.browser().visible("search-input").getDomAttribute("placeholder"));
    }

    @Test
    void aTouchPostponesTheReturn() {
        session.page().openCatalog();
        session.page().typeOnKeys("lnr");
        session.page().waitForResults("lnr");
        long tapped = System.nanoTime();
        session.browser().tap("result-" + code);
        session.page().waitForItem(code);

        sleepUntil(tapped, Duration.ofSeconds(2));
        assertEquals("item", session.page().screen());
        long touched = System.nanoTime();
        session.browser().tap(session.browser().visible("item-name")); // a touch on plain text: no action, just a touch

        sleepUntil(tapped, Duration.ofSeconds(4));
        assertEquals("item", session.page().screen(), "3 s after the first tap but only ~2 s after the touch: still there");

        session.browser().waitUntil("the idle return to home", Duration.ofSeconds(6), d -> "home".equals(session.page().screen()));
        long total = elapsedMillis(tapped);
        long sinceTouch = elapsedMillis(touched);
        assertTrue(total <= 8000, "home by ~8 s at the latest, was " + total + " ms");
        assertTrue(sinceTouch >= IDLE.toMillis() - 200, "the idle time counts from the touch: " + sinceTouch + " ms");
        session.page().openCatalog();
        assertEquals("", session.page().searchText());
    }

    /**
     * The browser keeps its history across an idle return; paging back (a gesture, a key)
     * must not bring back what the last resident searched for or opened.
     */
    @Test
    void theBrowsersBackButtonCannotReachTheLastVisit() {
        session.page().openCatalog();
        session.page().typeOnKeys("lnr");
        session.page().waitForResults("lnr");
        session.browser().tap("result-" + code);
        session.page().waitForItem(code);
        session.browser().waitUntil("the idle return to home", Duration.ofSeconds(8),
                d -> "home".equals(session.page().screen()));

        for (int i = 0; i < 4; i++) {
            session.browser().driver().navigate().back();
            session.browser().waitUntil("home after going back", Duration.ofSeconds(5),
                    d -> "home".equals(session.page().screen()));
            String url = session.browser().driver().getCurrentUrl();
            assertFalse(url.contains("lnr") || url.contains("item"), "back reached the last visit: " + url);
            assertTrue(session.browser().all(KioskPage.RESULT_ROWS).isEmpty(), "no results of the last visit");
        }
        session.page().openCatalog();
        assertEquals("", session.page().searchText(), "the last resident's search is gone");
    }

    private static void sleepUntil(long startNanos, Duration offset) {
        long wait = offset.toMillis() - elapsedMillis(startNanos);
        assertTrue(wait > 0, "the test itself was too slow to check at " + offset + " (already " + elapsedMillis(startNanos) + " ms)");
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
