package org.jinban.sync.protocol;

import java.util.Optional;

/** The {@code code} of an {@code error} frame, with its name on the wire. */
public enum ErrorCode {
    MALFORMED("malformed"),
    UNKNOWN_TYPE("unknown-type"),
    UNSUPPORTED_VERSION("unsupported-version"),
    UNAUTHORIZED("unauthorized"),
    TOO_LARGE("too-large"),
    CANNOT_APPLY("cannot-apply"),
    OUT_OF_ORDER("out-of-order");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The code with this wire name; empty for one another implementation made up. */
    public static Optional<ErrorCode> fromWire(String name) {
        for (ErrorCode c : values()) {
            if (c.wireName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
