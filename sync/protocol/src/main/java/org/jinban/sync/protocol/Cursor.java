package org.jinban.sync.protocol;

import java.util.Objects;
import java.util.UUID;

/** The kiosk's last applied sequence of one stream; the hub sends what comes after it. */
public record Cursor(UUID id, String stream, long seq) implements Message {
    public Cursor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stream, "stream");
    }

    @Override
    public MessageType type() {
        return MessageType.CURSOR;
    }
}
