package org.jinban.sync.protocol;

import java.util.Optional;

/** The envelope's {@code type}, with its name on the wire. */
public enum MessageType {
    HELLO("hello"),
    WELCOME("welcome"),
    PUSH("push"),
    ACK("ack"),
    DELIVER("deliver"),
    CURSOR("cursor"),
    HEARTBEAT("heartbeat"),
    ERROR("error");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type with this wire name; empty for a name version 1 does not know. */
    public static Optional<MessageType> fromWire(String name) {
        for (MessageType t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
