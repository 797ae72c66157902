package org.jinban.sync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BackoffTest {

    /** Always picks the top of the window, so the ceiling is what the test sees. */
    private static final RandomGenerator TOP = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long origin, long bound) {
            return bound - 1;
        }
    };

    @Test
    void windowDoublesFromOneSecondUpToTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(60), TOP);
        assertEquals(Duration.ofSeconds(1), b.delay(0));
        assertEquals(Duration.ofSeconds(2), b.delay(1));
        assertEquals(Duration.ofSeconds(32), b.delay(5));
        assertEquals(Duration.ofSeconds(60), b.delay(6));
        assertEquals(Duration.ofSeconds(60), b.delay(40));
    }

    @Test
    void hugeAttemptCountsDoNotOverflow() {
        Backoff b = new Backoff(Duration.ofSeconds(60), TOP);
        for (int a : new int[] {61, 62, 63, 64, 1000, Integer.MAX_VALUE}) {
            assertEquals(Duration.ofSeconds(60), b.delay(a), "attempt " + a);
        }
        Backoff huge = new Backoff(Duration.ofDays(365 * 1000), TOP);
        assertEquals(Duration.ofDays(365 * 1000), huge.delay(Integer.MAX_VALUE));
    }

    @Test
    void delaysStayInsideTheWindowWithFullJitter() {
        Backoff b = new Backoff(Duration.ofSeconds(60), new Random(42));
        boolean sawSmall = false;
        for (int i = 0; i < 1000; i++) {
            Duration d = b.delay(3);
            assertTrue(!d.isNegative() && d.compareTo(Duration.ofSeconds(8)) <= 0, d.toString());
            sawSmall |= d.compareTo(Duration.ofSeconds(1)) < 0;
        }
        assertTrue(sawSmall, "full jitter reaches down to zero");
    }

    @Test
    void nextCountsAttemptsAndALongConnectionResetsThem() {
        Backoff b = new Backoff(Duration.ofSeconds(60), TOP);
        assertEquals(Duration.ofSeconds(1), b.next());
        assertEquals(Duration.ofSeconds(2), b.next());
        assertEquals(Duration.ofSeconds(4), b.next());
        b.connectionEnded(Duration.ofSeconds(59));
        assertEquals(Duration.ofSeconds(8), b.next());
        b.connectionEnded(Duration.ofSeconds(60));
        assertEquals(0, b.attempt());
        assertEquals(Duration.ofSeconds(1), b.next());
    }

    @Test
    void aSubSecondCapBoundsEveryDelay() {
        Backoff b = new Backoff(Duration.ofMillis(200), TOP);
        assertEquals(Duration.ofMillis(200), b.delay(0));
    }

    @Test
    void refusesANonPositiveCap() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, TOP));
    }
}
