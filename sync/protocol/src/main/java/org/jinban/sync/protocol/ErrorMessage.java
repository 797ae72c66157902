package org.jinban.sync.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An {@code error} frame. The code stays a string so that a code another implementation adds
 * still decodes; {@link #knownCode()} maps it to the contract's. {@code ref} is the offending
 * frame's id, null when it had no readable one.
 */
public record ErrorMessage(UUID id, String code, String reason, UUID ref) implements Message {
    public ErrorMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        reason = reason == null ? "" : reason;
    }

    public static ErrorMessage of(ErrorCode code, String reason, UUID ref) {
        return new ErrorMessage(Message.newId(), code.wireName(), reason, ref);
    }

    public Optional<ErrorCode> knownCode() {
        return ErrorCode.fromWire(code);
    }

    @Override
    public MessageType type() {
        return MessageType.ERROR;
    }
}
