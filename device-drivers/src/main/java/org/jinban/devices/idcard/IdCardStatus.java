package org.jinban.devices.idcard;

import java.util.Optional;

/** The SAM's status word SW3 and what each value means for the host. */
public enum IdCardStatus {
    OK(0x90, null),
    CARD_FOUND(0x9F, null),
    NO_CARD(0x80, IdCardException.Kind.NO_CARD),
    SELECT_FAILED(0x81, IdCardException.Kind.SELECT_FAILED),
    READ_FAILED(0x41, IdCardException.Kind.READ_FAILED),
    HOST_CHECKSUM(0x10, IdCardException.Kind.SAM_CHECKSUM),
    HOST_LENGTH(0x11, IdCardException.Kind.SAM_LENGTH),
    BAD_COMMAND(0x21, IdCardException.Kind.SAM_BAD_COMMAND);

    private final int code;
    private final IdCardException.Kind failure;

    IdCardStatus(int code, IdCardException.Kind failure) {
        this.code = code;
        this.failure = failure;
    }

    public byte code() {
        return (byte) code;
    }

    public boolean isSuccess() {
        return failure == null;
    }

    /** The error kind this status stands for; empty for the two success codes. */
    public Optional<IdCardException.Kind> failure() {
        return Optional.ofNullable(failure);
    }

    public static Optional<IdCardStatus> of(byte sw3) {
        for (IdCardStatus s : values()) {
            if (s.code == (sw3 & 0xFF)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
