package org.jinban.sync.hub;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Counts failed attempts in a sliding window and says when too many were made. Hub-wide, not
 * per caller: a guesser can change its address, and a legitimate technician redeems one code,
 * so the price (a minute's wait after a burst of bad codes) falls on the guesser.
 */
final class AttemptLimiter {
    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Deque<Long> failures = new ArrayDeque<>();

    AttemptLimiter(int maxFailures, Duration window, LongSupplier nanoTime) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures: " + maxFailures + " must be at least 1");
        }
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether an attempt may be made now: fewer than the maximum failed within the window. */
    synchronized boolean allowed() {
        long now = nanoTime.getAsLong();
        while (!failures.isEmpty() && now - failures.peekFirst() >= windowNanos) {
            failures.removeFirst();
        }
        return failures.size() < maxFailures;
    }

    synchronized void failed() {
        failures.addLast(nanoTime.getAsLong());
        if (failures.size() > maxFailures) {
            failures.removeFirst();
        }
    }

    /** How long until the oldest failure leaves the window (a Retry-After). */
    synchronized Duration retryAfter() {
        if (failures.isEmpty()) {
            return Duration.ZERO;
        }
        long left = windowNanos - (nanoTime.getAsLong() - failures.peekFirst());
        return Duration.ofNanos(Math.max(0, left));
    }
}
