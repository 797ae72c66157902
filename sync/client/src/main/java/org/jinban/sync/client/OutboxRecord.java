package org.jinban.sync.client;

import java.time.Instant;
import java.util.Objects;

/**
 * One upstream record as the kiosk's outbox holds it. The client sends the two JSON documents as
 * they are and never looks inside: what a kind means is the kiosk's and the hub's business.
 *
 * @param id           the outbox message's UUID; the hub stores idempotently by it
 * @param kind         {@code appeal.filed}, {@code appeal.rated}, {@code audit.appended}, {@code device.health}
 * @param aggregateId  the UUID of what the record is about (e.g. the appeal)
 * @param createdAt    informational; order is the outbox's
 * @param payloadJson  a JSON object
 * @param personalJson a JSON object with personal data, or null; never logged
 */
public record OutboxRecord(String id, String kind, String aggregateId, Instant createdAt, String payloadJson,
                           String personalJson) {

    public OutboxRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }

    /** Payloads and personal data stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "OutboxRecord[id=" + id + ", kind=" + kind + ", aggregateId=" + aggregateId + "]";
    }
}
