package org.jinban.sync.protocol;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The hub's answer to a push, sent after its durable commit: the ids it now holds, and the ids
 * it refuses for good with the reason.
 */
public record Ack(UUID id, List<UUID> ids, List<Rejected> rejected) implements Message {
    public Ack {
        Objects.requireNonNull(id, "id");
        ids = List.copyOf(ids);
        rejected = List.copyOf(rejected);
    }

    @Override
    public MessageType type() {
        return MessageType.ACK;
    }

    /** A record refused for good: the kiosk marks it failed and never sends it again. */
    public record Rejected(UUID id, String reason) {
        public Rejected {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
