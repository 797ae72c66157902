package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AttemptLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AttemptLimiter limiter = new AttemptLimiter(3, Duration.ofSeconds(60), now::get);

    private void advance(int seconds) {
        now.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    @Test
    void pastTheMaximumOfFailuresAttemptsWaitUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAttempt().isPresent());
            advance(10);
        }
        assertFalse(limiter.tryAttempt().isPresent(), "three failures in 30 s: the fourth attempt waits");
        assertEquals(Duration.ofSeconds(30), limiter.retryAfter());
        advance(30);
        assertTrue(limiter.tryAttempt().isPresent(), "the oldest failure left the window");
        assertFalse(limiter.tryAttempt().isPresent());
    }

    @Test
    void aSucceededAttemptDoesNotCountButAnUnfinishedOneDoes() {
        OptionalLong first = limiter.tryAttempt();
        limiter.tryAttempt();
        limiter.tryAttempt();
        assertFalse(limiter.tryAttempt().isPresent(), "attempts still being checked count as failed");
        limiter.succeeded(first.getAsLong());
        assertTrue(limiter.tryAttempt().isPresent(), "a success frees its place");
        assertFalse(limiter.tryAttempt().isPresent());
    }
}
