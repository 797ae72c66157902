package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The touch page listens to the kiosk's device events (SSE): the help button shows a status
 * line under the header, never a modal; someone stepping up counts as a touch for the idle
 * return. The events come from the simulated devices, driven over the simulator API as the
 * panel or a technician would.
 */
@ExtendWith(ScreenshotOnFailure.class)
class PageEventsIT {
    static final Duration IDLE = Duration.ofSeconds(3);

    @RegisterExtension
    static final KioskSession session = KioskSession.standard().withIdleTimeouts(IDLE, Duration.ofSeconds(6));

    @BeforeEach
    void fresh() {
        session.page().openHome();
        session.browser().waitUntil("the page's event stream is open",
                d -> "open".equals(session.browser().js("return document.documentElement.dataset.events;")));
    }

    @Test
    void helpButtonShowsAStatusLineAndBlocksNothing() {
        assertFalse(bannerShown(), "no banner before help");

        long pressed = System.nanoTime();
        session.kiosk().simulate("/help", "{}");
        session.browser().waitUntil("the help banner within 2 s", Duration.ofSeconds(2), d -> bannerShown());
        long took = (System.nanoTime() - pressed) / 1_000_000;
        assertTrue(took <= 2000, "banner after " + took + " ms");

        WebElement banner = session.browser().visible("help-banner");
        assertEquals("已通知工作人员，请稍候", banner.getText());
        assertEquals("status", banner.getDomAttribute("role"));
        assertNoModal();
        String position = session.browser().js(
                "return getComputedStyle(document.querySelector(\"[data-testid='help-banner']\")).position;");
        assertTrue(position.equals("static") || position.equals("relative"), "in the flow, not an overlay: " + position);
        Boolean between = session.browser().js("""
                const b = document.querySelector("[data-testid='help-banner']").getBoundingClientRect();
                const top = document.getElementById('topbar').getBoundingClientRect();
                const main = document.getElementById('app').getBoundingClientRect();
                return b.top >= top.bottom - 0.5 && b.bottom <= main.top + 0.5 && b.height >= 20;""");
        assertTrue(between, "the banner sits between the header and the screen, covering neither");
        session.browser().screenshot("21-help-banner");

        // Nothing is blocked: the resident carries on, the banner stays and follows the language.
        session.page().openCatalog();
        assertTrue(bannerShown(), "the banner stays while the resident goes on");
        session.page().switchLanguage("en");
        assertEquals("Staff have been called, please wait", session.browser().visible("help-banner").getText());
        assertNoModal();
    }

    @Test
    void someoneSteppingUpRestartsTheIdleTime() {
        session.page().openCatalog();
        long start = System.nanoTime();
        sleepUntil(start, Duration.ofMillis(2000));
        assertEquals("catalog", session.page().screen());
        session.kiosk().simulate("/presence", "{\"present\": false}");
        session.kiosk().simulate("/presence", "{\"present\": true}");
        long present = System.nanoTime();

        sleepUntil(start, Duration.ofMillis(4200));
        assertEquals("catalog", session.page().screen(),
                "4.2 s after the last touch but ~2 s after someone stepped up: the page is still there");

        session.browser().waitUntil("the idle return to home", Duration.ofSeconds(6),
                d -> "home".equals(session.page().screen()));
        long sincePresent = (System.nanoTime() - present) / 1_000_000;
        assertTrue(sincePresent >= IDLE.toMillis() - 300, "the idle time counts from the presence: " + sincePresent + " ms");
        assertFalse(bannerShown(), "presence shows nothing");
        assertNoModal();
    }

    @Test
    void scanAndCardShowNothingOnThePage() {
        String before = session.browser().js("return document.getElementById('app').innerText;");
        session.kiosk().simulate("/scan", "{\"text\": \"JB-PAGE-SCAN-1\"}");
        session.kiosk().simulate("/card", "{\"present\": true, \"longTerm\": false}");
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.kiosk().simulate("/card", "{\"present\": false}");
        assertEquals("home", session.page().screen());
        assertEquals(before, session.browser().js("return document.getElementById('app').innerText;"));
        String source = session.browser().driver().getPageSource();
        assertFalse(source.contains("JB-PAGE-SCAN-1"), "the scanned text is not shown yet");
        assertFalse(source.contains("测试样例") || source.contains("370783199001011232"), "nothing of the card");
        assertFalse(bannerShown());
        assertNoModal();
    }

    private static boolean bannerShown() {
        return session.browser().js("""
                const b = document.querySelector("[data-testid='help-banner']");
                return !!b && !b.hidden && b.getClientRects().length > 0 && b.textContent.trim() !== '';""");
    }

    private static void assertNoModal() {
        assertFalse(session.browser().alertOpen(), "no alert/confirm");
        Number modals = session.browser().js("""
                return document.querySelectorAll('dialog, [role=dialog], [role=alertdialog], [aria-modal=true]').length;""");
        assertEquals(0, modals.intValue(), "no dialog anywhere");
        Number overlays = session.browser().js("""
                return [...document.body.querySelectorAll('*')].filter((el) => {
                  const s = getComputedStyle(el);
                  if (s.position !== 'fixed' && s.position !== 'absolute') return false;
                  const r = el.getBoundingClientRect();
                  return r.width * r.height > innerWidth * innerHeight * 0.25;
                }).length;""");
        assertEquals(0, overlays.intValue(), "nothing laid over the screen");
    }

    private static void sleepUntil(long startNanos, Duration offset) {
        long wait = offset.toMillis() - (System.nanoTime() - startNanos) / 1_000_000;
        assertTrue(wait > 0, "the test itself was too slow to check at " + offset);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
