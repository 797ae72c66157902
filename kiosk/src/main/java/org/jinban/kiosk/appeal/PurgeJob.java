package org.jinban.kiosk.appeal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes personal fields from appeals the central platform acknowledged more than the
 * retention window ago: at start, then every purge interval. The kiosk keeps what it must
 * (tracking number, category, timeline) and forgets who.
 */
public final class PurgeJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PurgeJob.class);

    private final AppealStore store;
    private final Supplier<Duration> retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jinban-purge");
        t.setDaemon(true);
        return t;
    });

    public PurgeJob(AppealStore store, Duration retention, Clock clock) {
        this(store, () -> retention, clock);
    }

    /** With a retention that may change while the kiosk runs (the centre's {@code kiosk.appeals.retention}). */
    public PurgeJob(AppealStore store, Supplier<Duration> retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    public PurgeJob start(Duration every) {
        timer.scheduleWithFixedDelay(this::runSafely, 5_000, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Purges what is due now; returns how many appeals were purged. */
    public int runOnce() {
        Duration window = retention.get();
        int purged = store.purge(clock.instant().minus(window), clock.instant());
        if (purged > 0) {
            LOG.info("privacy: purged the personal data of {} acknowledged appeals older than {}", purged, window);
        }
        return purged;
    }

    /**
     * Purges every appeal the central platform has acknowledged, whatever the retention window
     * (the centre's {@code purge-personal-data} command). Appeals not yet acknowledged keep their
     * personal data: it has not reached the centre, and purging it would lose it.
     *
     * @return how many appeals were purged
     */
    public int purgeAcknowledgedNow() {
        int purged = store.purge(clock.instant(), clock.instant());
        LOG.info("privacy: purged the personal data of {} acknowledged appeals on the centre's command", purged);
        return purged;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.error("privacy: the purge failed; it runs again at the next interval", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
