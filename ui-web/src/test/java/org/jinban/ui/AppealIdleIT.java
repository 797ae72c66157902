package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jinban.ui.testing.AppealPage;
import org.jinban.ui.testing.FetchSpy;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The idle return during a filing: its last 10 seconds are counted down under the screen (any
 * touch stops that), then the draft, the ID card read for it and everything else of the
 * visit are forgotten, on the page and on the kiosk.
 */
@ExtendWith(ScreenshotOnFailure.class)
class AppealIdleIT {
    /** Long enough for the full 10 s countdown (it takes at most half of the idle time). */
    static final Duration IDLE = Duration.ofSeconds(20);

    @RegisterExtension
    static final KioskSession session = KioskSession.standard().withIdleTimeouts(IDLE, IDLE.multipliedBy(2));

    @AfterEach
    void cardAway() {
        session.simulator().removeCardAndWait();
    }

    @Test
    void theLastTenSecondsAreCountedDownThenTheVisitIsForgotten() {
        AppealPage appeals = session.appeals();
        session.page().openHome();
        session.browser().waitUntil("the page's event stream is open",
                d -> "open".equals(session.browser().js("return document.documentElement.dataset.events;")));
        FetchSpy spy = new FetchSpy(session.browser()).install();
        session.simulator().placeCard();
        appeals.open();
        appeals.chooseMatter("SAFETY", "SAFETY-FIRE-EXIT");
        String phrase = appeals.tapPhrase(0);
        appeals.next();
        appeals.phone("13812345678");
        appeals.next();
        appeals.useCard();
        String token = cardToken(spy);

        long touched = System.nanoTime();
        session.browser().tap(session.browser().visible("step-text")); // a touch on plain text
        sleepUntil(touched, Duration.ofSeconds(8));
        assertFalse(countdownShown(), "nothing is counted down 8 s after a touch");

        session.browser().waitUntil("the countdown", Duration.ofSeconds(4), d -> countdownShown());
        long shownAfter = elapsedMillis(touched);
        assertTrue(shownAfter >= 9500 && shownAfter <= 11500, "the countdown starts 10 s before the return: " + shownAfter + " ms");
        String text = session.browser().visible("idle-seconds").getText();
        assertTrue(text.contains("秒后回到首页"), text);
        assertEquals("identity", appeals.step(), "the screen is still there, under the countdown");
        int first = seconds();
        session.browser().waitUntil("the seconds going down", d -> seconds() < first);
        assertEquals(List.of(), session.layout().overlays(), "the countdown covers nothing");
        session.browser().screenshot("60-idle-countdown");

        session.browser().tap(session.browser().visible("step-text"));
        session.browser().waitUntil("the countdown gone after a touch", d -> !countdownShown());
        long retouched = System.nanoTime();
        assertEquals("identity", appeals.step());

        session.browser().waitUntil("the countdown again", Duration.ofSeconds(12), d -> countdownShown());
        session.browser().waitUntil("the idle return", Duration.ofSeconds(12), d -> "home".equals(session.page().screen()));
        long back = elapsedMillis(retouched);
        assertTrue(back >= IDLE.toMillis() - 300 && back <= IDLE.toMillis() + 2000, "home after " + back + " ms");
        assertFalse(countdownShown(), "no countdown on the fresh home screen");
        session.browser().screenshot("61-idle-home");

        // The kiosk forgot the card read for the filing.
        HttpResponse<String> byCard = session.kiosk().post("/appeals/by-card", "{\"cardToken\": \"" + token + "\"}");
        assertNotEquals(200, byCard.statusCode(), "the card's token is gone: " + byCard.body());
        // The page forgot the draft.
        appeals.open();
        session.browser().tap("domain-SAFETY");
        session.browser().tap("matter-SAFETY-FIRE-EXIT");
        appeals.waitForStep("description");
        assertAll(
                () -> assertEquals("", appeals.value("description"), "the text of the last visit is gone (it began with " + phrase + ")"),
                () -> assertEquals("第 2 步，共 6 步：说事情", appeals.stepText()));
        appeals.next();
        appeals.waitForFieldError("description");
    }

    private static boolean countdownShown() {
        return session.browser().js("""
                const el = document.getElementById('idle-countdown');
                return !!el && !el.hidden && el.getClientRects().length > 0;""");
    }

    private static int seconds() {
        return Integer.parseInt(session.browser().visible("idle-seconds").getDomAttribute("data-seconds"));
    }

    @SuppressWarnings("unchecked")
    private static String cardToken(FetchSpy spy) {
        List<Map<String, Object>> reads = spy.calls("POST", "/api/v1/identity/card");
        return reads.stream()
                .filter(c -> Long.valueOf(201).equals(c.get("status") instanceof Number n ? n.longValue() : null))
                .map(c -> String.valueOf(((Map<String, Object>) c.get("json")).get("token")))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no card read: " + reads));
    }

    private static void sleepUntil(long startNanos, Duration offset) {
        long wait = offset.toMillis() - elapsedMillis(startNanos);
        assertTrue(wait > 0, "the test itself was too slow to check at " + offset);
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
