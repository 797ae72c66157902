package org.jinban.devices.printer;

import java.util.Objects;

/** What the printer said about itself, or why we do not know. */
public record PrinterStatus(State state, String reason) {

    public enum State { OK, PAPER_NEAR_END, PAPER_END, COVER_OPEN, OFFLINE, UNKNOWN }

    // Bits that are fixed in every real-time status byte (bit 1 and 4 set, bits 0 and 7 clear).
    private static final int FIXED_MASK = 0x93;
    private static final int FIXED_VALUE = 0x12;

    public PrinterStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    public static PrinterStatus unknown(String reason) {
        return new PrinterStatus(State.UNKNOWN, reason);
    }

    public static PrinterStatus offline(String reason) {
        return new PrinterStatus(State.OFFLINE, reason);
    }

    /**
     * Maps the replies to DLE EOT 2 (offline cause) and DLE EOT 4 (paper sensor). The worst
     * condition wins: an open cover stops printing whatever the paper says.
     */
    public static PrinterStatus fromReplies(int offlineCause, int paperSensor) {
        if (!wellFormed(offlineCause) || !wellFormed(paperSensor)) {
            return unknown(String.format("replies %02X %02X are not ESC/POS status bytes",
                    offlineCause & 0xFF, paperSensor & 0xFF));
        }
        if ((offlineCause & 0x04) != 0) {
            return new PrinterStatus(State.COVER_OPEN, "cover open (DLE EOT 2 bit 0x04)");
        }
        if ((offlineCause & 0x20) != 0) {
            return new PrinterStatus(State.PAPER_END, "stopped by paper end (DLE EOT 2 bit 0x20)");
        }
        if ((paperSensor & 0x60) != 0) {
            return new PrinterStatus(State.PAPER_END, "paper end (DLE EOT 4 bits 0x60)");
        }
        if ((paperSensor & 0x0C) != 0) {
            return new PrinterStatus(State.PAPER_NEAR_END, "paper near end (DLE EOT 4 bits 0x0C)");
        }
        return new PrinterStatus(State.OK, "ready");
    }

    private static boolean wellFormed(int reply) {
        return (reply & FIXED_MASK) == FIXED_VALUE;
    }
}
