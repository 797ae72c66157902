package org.jinban.sync.protocol;

import java.util.Optional;
import java.util.UUID;

/**
 * A frame the contract does not allow (or a message too large to send). It carries what the
 * answering {@code error} frame needs: the contract's code and the offending frame's id when
 * it could be read, so the receiver can answer without knowing how decoding failed.
 */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;
    private final transient UUID ref;

    public ProtocolException(ErrorCode code, String message, UUID ref) {
        this(code, message, ref, null);
    }

    public ProtocolException(ErrorCode code, String message, UUID ref, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    /** The id of the offending frame, if it had a readable one. */
    public Optional<UUID> ref() {
        return Optional.ofNullable(ref);
    }

    /** The {@code error} frame that answers this failure. */
    public ErrorMessage toErrorMessage() {
        return new ErrorMessage(UUID.randomUUID(), code.wireName(), getMessage(), ref);
    }
}
