package org.jinban.sync.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The kiosk's first frame: who it is, its credential, the protocol versions it speaks and the
 * last sequence it applied per stream (0: none; a stream left out counts as 0).
 */
public record Hello(UUID id, String kioskId, String credential, List<Integer> protocols, Map<String, Long> cursors)
        implements Message {
    public Hello {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kioskId, "kioskId");
        Objects.requireNonNull(credential, "credential");
        protocols = List.copyOf(protocols);
        cursors = Map.copyOf(cursors);
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO;
    }

    /** The cursor for {@code stream}, 0 when the kiosk sent none. */
    public long cursor(String stream) {
        return cursors.getOrDefault(stream, 0L);
    }

    /** Never shows the credential: a hello may end up in a log. */
    @Override
    public String toString() {
        return "Hello[id=" + id + ", kioskId=" + kioskId + ", credential=***, protocols=" + protocols
                + ", cursors=" + cursors + "]";
    }
}
