package org.jinban.sync.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * Liveness. The kiosk adds its outbox figures; the hub sends both as null (an empty body).
 */
public record Heartbeat(UUID id, Long queue, Long oldestUnsentSeconds) implements Message {
    public Heartbeat {
        Objects.requireNonNull(id, "id");
    }

    /** The hub's heartbeat: an empty body. */
    public static Heartbeat empty() {
        return new Heartbeat(Message.newId(), null, null);
    }

    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT;
    }
}
