package org.jinban.sync.client;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The kiosk's outbox as the sync client sees it. The kiosk writes a record in the same
 * transaction as the domain change; the client only reads pending records in order and reports
 * what the hub answered. Called on the sync client's own thread, one call at a time.
 */
public interface Outbox {

    /** Up to {@code max} pending (not acked, not failed) records, in outbox order. */
    List<OutboxRecord> nextBatch(int max);

    /** The hub stored these durably: they are done (for an appeal this starts the retention window). */
    void acked(Collection<String> ids);

    /** The hub refused this record for good: mark it failed with the reason; it is never sent again. */
    void rejected(String id, String reason);

    long pendingCount();

    Optional<Instant> oldestPending();
}
