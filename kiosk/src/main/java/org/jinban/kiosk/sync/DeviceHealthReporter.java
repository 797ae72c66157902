package org.jinban.kiosk.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.devices.DeviceStatus;
import org.jinban.kiosk.outbox.Outbox;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the central platform how the kiosk's devices are: a {@code device.health} outbox record
 * {@code {"devices": {name: {state, reason}}, "at"}} with every device's state, written when a
 * state changed. A burst of changes (a printer's cover opened and shut, paper running out) is
 * coalesced: at most one record per {@code interval}, and the record written at the end of a
 * quiet spell holds the states of that moment, so the latest state always goes up. Nothing
 * personal is in it: device names, states and the drivers' reasons only.
 */
public final class DeviceHealthReporter implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final String KIND = "device.health";
    /** What the record is about: this kiosk's devices, the same aggregate every time. */
    static final String AGGREGATE = "device-health";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceHealthReporter.class);

    private final Supplier<Map<String, DeviceStatus>> states;
    private final Database db;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final long intervalNanos;
    private final Runnable written;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jinban-device-health");
        t.setDaemon(true);
        return t;
    });

    // guarded by this
    private boolean scheduled;
    private long lastWriteNanos;
    private boolean everWritten;
    private Map<String, DeviceStatus> lastSent;

    /**
     * @param states   every device's state now
     * @param interval the least time between two records
     * @param written  run after a record was written (the sync client's wake-up)
     */
    public DeviceHealthReporter(Supplier<Map<String, DeviceStatus>> states, Database db, Outbox outbox,
                                ObjectMapper json, Clock clock, Duration interval, Runnable written) {
        this.states = Objects.requireNonNull(states, "states");
        this.db = Objects.requireNonNull(db, "db");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the device health interval must be positive, was " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.written = Objects.requireNonNull(written, "written");
    }

    /** Reports the states as they are now, then after every change {@code onChange} hears of. */
    public DeviceHealthReporter start(java.util.function.Consumer<Runnable> onChange) {
        onChange.accept(this::changed);
        changed();
        return this;
    }

    /** A device's state changed: write a record now, or at the end of the current interval. */
    public synchronized void changed() {
        if (scheduled) {
            return;
        }
        long wait = everWritten ? Math.max(0, lastWriteNanos + intervalNanos - System.nanoTime()) : 0;
        try {
            thread.schedule(this::write, wait, TimeUnit.NANOSECONDS);
            scheduled = true;
        } catch (RejectedExecutionException closed) {
            // the kiosk is stopping: the states are sent again at the next start
        }
    }

    private void write() {
        Map<String, DeviceStatus> now;
        synchronized (this) {
            scheduled = false;
            now = new TreeMap<>(states.get());
            if (now.equals(lastSent)) {
                return;
            }
            lastWriteNanos = System.nanoTime();
            everWritten = true;
        }
        try {
            String payload = payload(now);
            String id = db.inTransaction("write a device.health record",
                    c -> outbox.add(c, KIND, AGGREGATE, payload, null, clock.instant()));
            synchronized (this) {
                lastSent = now;
            }
            LOG.info("device health: queued {} for the central platform ({})", id, summary(now));
            written.run();
        } catch (StoreException | JsonProcessingException e) {
            LOG.error("device health: cannot queue a record, trying again later: {}", e.getMessage());
            changed();
        }
    }

    private String payload(Map<String, DeviceStatus> now) throws JsonProcessingException {
        Map<String, Object> devices = new LinkedHashMap<>();
        now.forEach((name, s) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("state", s.state().name().toLowerCase(Locale.ROOT));
            d.put("reason", s.reason());
            devices.put(name, d);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("devices", devices);
        body.put("at", clock.instant().toString());
        return json.writeValueAsString(body);
    }

    private static String summary(Map<String, DeviceStatus> now) {
        StringBuilder b = new StringBuilder();
        now.forEach((name, s) -> b.append(b.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(s.state().name().toLowerCase(Locale.ROOT)));
        return b.toString();
    }

    /** Stops; a change not yet written is left for the next start, which reports every state. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
