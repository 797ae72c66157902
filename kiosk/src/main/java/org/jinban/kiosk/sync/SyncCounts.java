package org.jinban.kiosk.sync;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sync has done since the kiosk started, counted as it passes through
 * {@link CountingSyncPort}: records the platform acknowledged or refused, downstream items applied
 * or passed over. Read by {@link SyncMetrics}; thread-safe.
 */
public final class SyncCounts {
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    void countAcked(int n) {
        acked.addAndGet(n);
    }

    void countRejected() {
        rejected.incrementAndGet();
    }

    void countApplied() {
        applied.incrementAndGet();
    }

    void countSkipped() {
        skipped.incrementAndGet();
    }

    public long acked() {
        return acked.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long applied() {
        return applied.get();
    }

    public long skipped() {
        return skipped.get();
    }
}
