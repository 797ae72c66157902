package org.jinban.sync.hub;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes stream items older than the hub's retention, applied or not, at start and then
 * periodically (a 24th of the retention, between a minute and an hour). A kiosk whose cursor
 * falls below what is left takes the stream again from seq 1 at its next hello.
 */
public final class RetentionJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private static final Duration MIN_PERIOD = Duration.ofMinutes(1);
    private static final Duration MAX_PERIOD = Duration.ofHours(1);

    private final HubStore store;
    private final Duration retention;
    private final ScheduledExecutorService timer;

    private RetentionJob(HubStore store, Duration retention, ScheduledExecutorService timer) {
        this.store = store;
        this.retention = retention;
        this.timer = timer;
    }

    public static RetentionJob start(HubStore store, Duration retention) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("hub-retention").daemon().factory());
        RetentionJob job = new RetentionJob(store, retention, timer);
        long period = period(retention).toMillis();
        timer.scheduleWithFixedDelay(job::runOnce, 0, period, TimeUnit.MILLISECONDS);
        return job;
    }

    static Duration period(Duration retention) {
        Duration period = retention.dividedBy(24);
        return period.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : period.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : period;
    }

    /** One pass; a failure is logged and the next pass tries again. */
    void runOnce() {
        try {
            int deleted = store.prune(retention);
            if (deleted > 0) {
                LOG.info("retention {}: deleted {} stream items", retention, deleted);
            }
        } catch (RuntimeException e) { // thrown out of a scheduled task, it would end the schedule
            LOG.error("retention {}: could not delete old stream items", retention, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
