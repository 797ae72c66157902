package org.jinban.kiosk.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import org.jinban.sync.client.SyncStatus;

/**
 * The sync with the central platform in {@code /observe/metrics} (application scope), read at
 * each scrape from the client's {@link SyncStatus} and the {@link SyncCounts}:
 *
 * <ul>
 *   <li>gauges {@code jinban.sync.connected} (1/0), {@code jinban.sync.queue} (records not yet
 *       acknowledged), {@code jinban.sync.oldest.unsent.seconds},
 *       {@code jinban.sync.last.contact.seconds} (since a frame last came from the hub; -1 never);
 *   <li>counters {@code jinban.sync.records.acked}, {@code jinban.sync.records.rejected},
 *       {@code jinban.sync.reconnects}, {@code jinban.sync.items.applied},
 *       {@code jinban.sync.items.skipped}, counted since the kiosk started.
 * </ul>
 *
 * <p>The meters live in Helidon's global registry, which the metrics observer serves; a kiosk
 * that stops removes them, so a later kiosk in the same JVM (the tests) registers its own.
 */
public final class SyncMetrics implements AutoCloseable {
    static final String PREFIX = "jinban.sync.";

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    /**
     * The functions the meters read. Micrometer holds a counter's state object only weakly: without
     * these references a collected lambda would read as NaN.
     */
    private final List<Object> sources = new ArrayList<>();

    private SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the sync's meters; {@link #close()} removes them. */
    public static SyncMetrics register(Supplier<SyncStatus> status, SyncCounts counts, LongSupplier reconnects,
                                       Clock clock) {
        SyncMetrics m = new SyncMetrics(Metrics.globalRegistry());
        m.gauge("connected", "1 while the kiosk is connected to the central platform and welcomed, else 0", null,
                () -> status.get().connected() ? 1L : 0L);
        m.gauge("queue", "outbox records the platform has not acknowledged yet", null,
                () -> status.get().queueLength());
        m.gauge("oldest.unsent.seconds", "age of the oldest record not yet acknowledged (0: none)", "seconds",
                () -> status.get().oldestUnsentAge().toSeconds());
        m.gauge("last.contact.seconds", "seconds since a frame last came from the platform (-1: never)", "seconds",
                () -> status.get().lastContactAt().map(at -> Math.max(0, Duration.between(at, clock.instant())
                        .toSeconds())).orElse(-1L));
        m.counter("records.acked", "outbox records the platform acknowledged", counts::acked);
        m.counter("records.rejected", "outbox records the platform refused for good", counts::rejected);
        m.counter("reconnects", "connection attempts after a connection ended or failed", reconnects);
        m.counter("items.applied", "downstream items applied", counts::applied);
        m.counter("items.skipped", "downstream items that could not be applied and were passed over",
                counts::skipped);
        return m;
    }

    private void gauge(String name, String description, String unit, Supplier<Long> value) {
        sources.add(value);
        Gauge.Builder<Long> b = Gauge.builder(PREFIX + name, value).description(description);
        if (unit != null) {
            b.baseUnit(unit);
        }
        add(b);
    }

    private void counter(String name, String description, LongSupplier value) {
        sources.add(value);
        add(FunctionalCounter.builder(PREFIX + name, value, LongSupplier::getAsLong).description(description));
    }

    private <B extends Meter.Builder<B, M>, M extends Meter> void add(B builder) {
        // a meter of this name left by a kiosk that did not stop cleanly would be handed back
        // instead of ours: drop it first
        registry.remove(builder.name(), List.of());
        meters.add(registry.getOrCreate(builder));
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
        meters.clear();
        sources.clear();
    }
}
