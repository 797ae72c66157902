package org.jinban.devices.idcard;

import java.util.Optional;

/** The three host commands the reader uses, as CMD PARA pairs. */
public enum IdCardCommand {
    FIND_CARD(0x20, 0x01),
    SELECT_CARD(0x20, 0x02),
    READ_TEXT_AND_PHOTO(0x30, 0x01);

    private final byte cmd;
    private final byte para;

    IdCardCommand(int cmd, int para) {
        this.cmd = (byte) cmd;
        this.para = (byte) para;
    }

    /** The full frame to send. */
    public byte[] frame() {
        return IdCardFrame.encode(new byte[] {cmd, para});
    }

    /** Which command a host payload is, if any (used by the simulator). */
    public static Optional<IdCardCommand> of(byte[] payload) {
        if (payload.length != 2) {
            return Optional.empty();
        }
        for (IdCardCommand c : values()) {
            if (c.cmd == payload[0] && c.para == payload[1]) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
