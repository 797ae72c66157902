package org.jinban.devices.idcard;

import java.util.Arrays;

/**
 * One GA/T 467 frame: {@code AA AA AA 96 69 | LEN(2, big-endian) | payload | CHK}. LEN counts
 * payload plus CHK; CHK is the XOR of the LEN bytes and the payload. A host frame's payload is
 * {@code CMD PARA [data]}, a SAM reply's is {@code SW1 SW2 SW3 [data]}.
 */
public final class IdCardFrame {

    static final byte[] PREAMBLE = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x96, 0x69};
    static final int HEADER = PREAMBLE.length + 2;
    /** SAM frames are below 1400 bytes; anything claiming more is noise, not a reason to wait. */
    public static final int MAX_FRAME = 1400;
    /** CMD PARA + CHK is the shortest thing either side sends. */
    static final int MIN_LEN = 3;
    static final int MAX_LEN = MAX_FRAME - HEADER;
    private static final int STATUS_BYTES = 3;

    private final byte[] payload;

    public IdCardFrame(byte[] payload) {
        if (payload.length + 1 < MIN_LEN || payload.length + 1 > MAX_LEN) {
            throw new IllegalArgumentException("payload length " + payload.length
                    + " outside " + (MIN_LEN - 1) + ".." + (MAX_LEN - 1));
        }
        this.payload = payload.clone();
    }

    public byte[] payload() {
        return payload.clone();
    }

    /** The whole frame on the wire. */
    public byte[] encode() {
        return encode(payload);
    }

    /** SW3 of a reply, the byte at index 9 of the frame. */
    public byte sw3() {
        requireReply();
        return payload[2];
    }

    /** Reply data after SW1 SW2 SW3. */
    public byte[] replyData() {
        requireReply();
        return Arrays.copyOfRange(payload, STATUS_BYTES, payload.length);
    }

    boolean isReply() {
        return payload.length >= STATUS_BYTES;
    }

    private void requireReply() {
        if (!isReply()) {
            throw new IdCardException(IdCardException.Kind.MALFORMED_REPLY,
                    "reply too short for a status word: " + IdCardException.hex(encode()));
        }
    }

    static byte[] encode(byte[] payload) {
        int len = payload.length + 1;
        byte[] frame = new byte[HEADER + len];
        System.arraycopy(PREAMBLE, 0, frame, 0, PREAMBLE.length);
        frame[5] = (byte) (len >>> 8);
        frame[6] = (byte) len;
        System.arraycopy(payload, 0, frame, HEADER, payload.length);
        frame[frame.length - 1] = checksum(frame, PREAMBLE.length, frame.length - 1);
        return frame;
    }

    static byte checksum(byte[] bytes, int from, int to) {
        byte x = 0;
        for (int i = from; i < to; i++) {
            x ^= bytes[i];
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdCardFrame f && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload);
    }

    /** Header only: a read reply's payload is a resident's data. */
    @Override
    public String toString() {
        return "IdCardFrame[" + IdCardException.hex(encode(), 0, Math.min(HEADER + 3, HEADER + payload.length))
                + ", payload " + payload.length + " bytes]";
    }
}
