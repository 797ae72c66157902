package org.jinban.sync.protocol;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The hub's answer to a good hello: the timing and batch size the kiosk must keep, and the
 * streams whose cursor the hub no longer holds (the kiosk drops and retakes them from 1).
 */
public record Welcome(UUID id, String kioskId, int heartbeatSeconds, int maxBatch, List<String> resync)
        implements Message {
    public Welcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kioskId, "kioskId");
        resync = List.copyOf(resync);
    }

    @Override
    public MessageType type() {
        return MessageType.WELCOME;
    }
}
