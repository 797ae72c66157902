package org.jinban.sync.protocol;

import java.util.UUID;

/**
 * One envelope of the protocol: {@code {"v": 1, "type", "id", "body"}}. The version is
 * {@link Codec#VERSION}, the type follows from the record, the id is the sender's, and the
 * record's other components are the body.
 */
public sealed interface Message permits Hello, Welcome, Push, Ack, Deliver, Cursor, Heartbeat, ErrorMessage {
    /** The id the sender made for this frame; errors refer to it. */
    UUID id();

    MessageType type();

    /** A fresh frame id. */
    static UUID newId() {
        return UUID.randomUUID();
    }
}
