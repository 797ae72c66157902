package org.jinban.sync.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential backoff with full jitter, {@code random(0, min(cap, base · 2^attempt))}
 * (docs/sync-protocol.md, Liveness). Full jitter spreads a fleet of kiosks that lost the hub at
 * the same moment over the whole window, so they do not all knock again at once.
 *
 * <p>Not thread-safe: the sync client's own thread owns it.
 */
public final class Backoff {

    /** The first window; doubles with each failed attempt. */
    public static final Duration BASE = Duration.ofSeconds(1);
    /** A connection that lasted this long was healthy: the next failure starts from {@link #BASE} again. */
    public static final Duration STABLE = Duration.ofSeconds(60);

    private final Duration cap;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration cap, RandomGenerator random) {
        this.cap = Objects.requireNonNull(cap, "cap");
        this.random = Objects.requireNonNull(random, "random");
        if (cap.isNegative() || cap.isZero()) {
            throw new IllegalArgumentException("backoff cap must be positive: " + cap);
        }
    }

    /** The window's upper bound for an attempt, {@code min(cap, base · 2^attempt)}, without overflow. */
    public Duration ceiling(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0: " + attempt);
        }
        long capMillis = cap.toMillis();
        // 2^attempt overflows a long from 63 on; anything past the cap is the cap anyway.
        if (attempt >= 62 || BASE.toMillis() > (capMillis >> attempt)) {
            return cap;
        }
        return Duration.ofMillis(Math.min(capMillis, BASE.toMillis() << attempt));
    }

    /** A random delay in {@code [0, ceiling(attempt)]}, millisecond resolution. */
    public Duration delay(int attempt) {
        long max = ceiling(attempt).toMillis();
        return Duration.ofMillis(random.nextLong(0, max + 1));
    }

    /** The delay before the next reconnect; counts the attempt. */
    public Duration next() {
        Duration d = delay(attempt);
        if (attempt < Integer.MAX_VALUE) {
            attempt++;
        }
        return d;
    }

    /** A connection ended after {@code lasted}; a long enough one resets the attempts. */
    public void connectionEnded(Duration lasted) {
        if (lasted.compareTo(STABLE) >= 0) {
            attempt = 0;
        }
    }

    public Duration cap() {
        return cap;
    }

    public int attempt() {
        return attempt;
    }
}
