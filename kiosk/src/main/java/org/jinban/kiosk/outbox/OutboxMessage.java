package org.jinban.kiosk.outbox;

import java.time.Instant;

/**
 * One message waiting for the central platform, its personal part decrypted for the send (in
 * memory only; {@link #toString()} leaves it and the payload out).
 */
public record OutboxMessage(long seq, String id, String kind, String aggregateId, Instant createdAt, String payload,
                            String personal) {
    @Override
    public String toString() {
        return "OutboxMessage[" + seq + ", " + kind + ", " + id + "]";
    }
}
