package org.jinban.sync.protocol;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Downstream items of one stream, in sequence order. */
public record Deliver(UUID id, String stream, List<Item> items) implements Message {
    public Deliver {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stream, "stream");
        items = List.copyOf(items);
    }

    @Override
    public MessageType type() {
        return MessageType.DELIVER;
    }

    /** One item; {@code body} is copied in and must be treated as read-only. */
    public record Item(long seq, String kind, ObjectNode body) {
        public Item {
            Objects.requireNonNull(kind, "kind");
            body = Objects.requireNonNull(body, "body").deepCopy();
        }
    }
}
