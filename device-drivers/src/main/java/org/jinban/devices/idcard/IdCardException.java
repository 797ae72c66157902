package org.jinban.devices.idcard;

import java.util.HexFormat;

/**
 * The one failure type of the ID-card reader. The {@link Kind} lets callers decide what to do
 * without parsing messages; the message names the device and, where bytes are involved, shows
 * them in short hex. It never carries decoded personal data: only frame headers, status words
 * and field positions.
 */
public final class IdCardException extends RuntimeException {

    /** What went wrong, grouped by who is to blame. */
    public enum Kind {
        /** A reply frame whose checksum does not match (line noise). */
        BAD_CHECKSUM,
        /** A frame whose LEN is impossible for a SAM. */
        BAD_LENGTH,
        /** The SAM found no card (normal while nobody taps a card). */
        NO_CARD,
        /** The SAM found a card but could not select it (card moved away, usually). */
        SELECT_FAILED,
        /** The SAM could not read the selected card. */
        READ_FAILED,
        /** The SAM says our frame had a bad checksum. */
        SAM_CHECKSUM,
        /** The SAM says our frame had a bad length. */
        SAM_LENGTH,
        /** The SAM does not know our command. */
        SAM_BAD_COMMAND,
        /** A status word the protocol does not define, or a reply too short to carry one. */
        MALFORMED_REPLY,
        /** The text block could not be decoded into a record. */
        MALFORMED_TEXT,
        /** The ID number fails GB 11643 (check digit or birth date). */
        BAD_ID_NUMBER,
        /** No complete reply within the step timeout. */
        TIMEOUT,
        /** The serial port disappeared (unplugged, closed, other end hung up). */
        PORT_GONE
    }

    private static final int MAX_HEX_BYTES = 24;

    private final Kind kind;

    public IdCardException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public IdCardException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Short hex of a byte slice for messages: long frames are cut so a log line stays a line. */
    static String hex(byte[] bytes, int from, int to) {
        int end = Math.min(to, from + MAX_HEX_BYTES);
        String shown = HexFormat.ofDelimiter(" ").formatHex(bytes, from, end);
        return end < to ? shown + " …(+" + (to - end) + " bytes)" : shown;
    }

    static String hex(byte[] bytes) {
        return hex(bytes, 0, bytes.length);
    }
}
