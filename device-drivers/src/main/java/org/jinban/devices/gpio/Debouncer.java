package org.jinban.devices.gpio;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reports an input's state only after it has stayed the same for the debounce time: a
 * bouncing contact or a flickering sensor gives one change, not a burst. Pi4J's own debounce
 * depends on the plugin (gpiod has one, the mock none), so the panel does its own.
 */
final class Debouncer {
    private final ScheduledExecutorService timer;
    private final long debounceNanos;
    private final Consumer<Boolean> changed;
    private boolean reported;
    private boolean latest;
    private ScheduledFuture<?> pending;

    Debouncer(ScheduledExecutorService timer, long debounceNanos, boolean initial, Consumer<Boolean> changed) {
        this.timer = timer;
        this.debounceNanos = debounceNanos;
        this.reported = initial;
        this.latest = initial;
        this.changed = changed;
    }

    /** Called on every edge the hardware reports. */
    synchronized void edge(boolean high) {
        latest = high;
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(this::settle, debounceNanos, TimeUnit.NANOSECONDS);
    }

    private void settle() {
        boolean report;
        synchronized (this) {
            pending = null;
            report = latest != reported;
            reported = latest;
        }
        if (report) {
            changed.accept(reported);
        }
    }
}
