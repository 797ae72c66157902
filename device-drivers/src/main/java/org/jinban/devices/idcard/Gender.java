package org.jinban.devices.idcard;

import java.util.Optional;

/** GB/T 2261.1 gender codes as stored on the card. */
public enum Gender {
    UNKNOWN('0'), MALE('1'), FEMALE('2'), UNSPECIFIED('9');

    private final char code;

    Gender(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    public static Optional<Gender> of(char code) {
        for (Gender g : values()) {
            if (g.code == code) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
