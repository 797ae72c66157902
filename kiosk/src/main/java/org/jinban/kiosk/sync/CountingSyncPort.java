package org.jinban.kiosk.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jinban.sync.client.Outbox;
import org.jinban.sync.client.OutboxRecord;
import org.jinban.sync.client.StreamHandler;

/**
 * The kiosk's outbox and streams as the sync client sees them, counting what passes: every
 * acknowledgement, refusal, applied and skipped item goes through here, so the figures need no
 * hook inside the protocol's code. Counts only what the wrapped port took without failing.
 */
public final class CountingSyncPort implements Outbox, StreamHandler {
    private final Outbox outbox;
    private final StreamHandler streams;
    private final SyncCounts counts;

    public <P extends Outbox & StreamHandler> CountingSyncPort(P port, SyncCounts counts) {
        this.outbox = Objects.requireNonNull(port, "port");
        this.streams = port;
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    @Override
    public List<OutboxRecord> nextBatch(int max) {
        return outbox.nextBatch(max);
    }

    @Override
    public void acked(Collection<String> ids) {
        outbox.acked(ids);
        counts.countAcked(ids.size());
    }

    @Override
    public void rejected(String id, String reason) {
        outbox.rejected(id, reason);
        counts.countRejected();
    }

    @Override
    public long pendingCount() {
        return outbox.pendingCount();
    }

    @Override
    public Optional<Instant> oldestPending() {
        return outbox.oldestPending();
    }

    @Override
    public long cursor(String stream) {
        return streams.cursor(stream);
    }

    @Override
    public void apply(String stream, long seq, String kind, String bodyJson) {
        streams.apply(stream, seq, kind, bodyJson);
        counts.countApplied();
    }

    @Override
    public void skip(String stream, long seq, String kind, String reason) {
        streams.skip(stream, seq, kind, reason);
        counts.countSkipped();
    }

    @Override
    public void resync(String stream) {
        streams.resync(stream);
    }
}
