package org.jinban.sync.hub;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Counts failed attempts in a sliding window and refuses attempts once too many failed. Hub-wide,
 * not per caller: a guesser can change its address, and a legitimate technician redeems one code,
 * so the price (a minute's wait after a burst of bad codes) falls on the guesser. An attempt
 * counts as failed from the moment it starts until it is {@linkplain #succeeded forgiven}, so
 * parallel guesses cannot slip past the limit while the first ones are still being checked.
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

    /**
     * Starts an attempt if fewer than the maximum failed within the window.
     *
     * @return the attempt's token for {@link #succeeded}, or empty if the caller must wait
     */
    synchronized OptionalLong tryAttempt() {
        long now = nanoTime.getAsLong();
        while (!failures.isEmpty() && now - failures.peekFirst() >= windowNanos) {
            failures.removeFirst();
        }
        if (failures.size() >= maxFailures) {
            return OptionalLong.empty();
        }
        failures.addLast(now);
        return OptionalLong.of(now);
    }

    /** The attempt of {@code token} succeeded: it no longer counts as a failure. */
    synchronized void succeeded(long token) {
        failures.removeFirstOccurrence(token);
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
