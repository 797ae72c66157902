package org.jinban.sync.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the sync client is doing, as one immutable snapshot for the health check, metrics and the
 * staff screen ("last contact with the centre 3 min ago, 12 records waiting").
 *
 * @param connected       a {@code welcome} was received and the connection is still open
 * @param lastContact     when a frame last arrived from the hub, or null if never
 * @param queueLength     outbox records not yet acknowledged
 * @param oldestUnsentAge age of the oldest of them, {@link Duration#ZERO} if none
 * @param lastError       the latest trouble in plain words (e.g. "unauthorized: …"), or null
 */
public record SyncStatus(boolean connected, Instant lastContact, long queueLength, Duration oldestUnsentAge,
                         String lastError) {

    static final SyncStatus INITIAL = new SyncStatus(false, null, 0, Duration.ZERO, null);

    public Optional<Instant> lastContactAt() {
        return Optional.ofNullable(lastContact);
    }

    public Optional<String> error() {
        return Optional.ofNullable(lastError);
    }
}
