package org.jinban.sync.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Upstream records from the kiosk's outbox, in outbox order. */
public record Push(UUID id, List<Record> records) implements Message {
    public Push {
        Objects.requireNonNull(id, "id");
        records = List.copyOf(records);
    }

    @Override
    public MessageType type() {
        return MessageType.PUSH;
    }

    /**
     * One outbox message. {@code payload} and {@code personal} are copied in and must be treated
     * as read-only; {@code personal} (names, phones, descriptions) is null when the kind has none.
     * Its {@code toString} leaves {@code personal} out, so that logging a record cannot leak it.
     */
    public record Record(UUID id, String kind, String aggregateId, Instant createdAt, ObjectNode payload,
                         ObjectNode personal) {
        public Record {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(createdAt, "createdAt");
            payload = Objects.requireNonNull(payload, "payload").deepCopy();
            personal = personal == null ? null : personal.deepCopy();
        }

        /** A payload text field, or null when absent or not text. */
        public String payloadText(String field) {
            JsonNode n = payload.get(field);
            return n != null && n.isTextual() ? n.asText() : null;
        }

        @Override
        public String toString() {
            return "Record[id=" + id + ", kind=" + kind + ", aggregateId=" + aggregateId + ", createdAt=" + createdAt
                    + ", personal=" + (personal == null ? "none" : "***") + "]";
        }
    }
}
