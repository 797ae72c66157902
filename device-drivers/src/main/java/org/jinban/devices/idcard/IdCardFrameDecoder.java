package org.jinban.devices.idcard;

import java.util.Arrays;
import java.util.Optional;

/**
 * Cuts frames out of a byte stream that may arrive in pieces and may carry noise. Bytes before
 * a preamble are dropped; a frame with an impossible LEN or a wrong checksum is reported once
 * and the search resumes one byte after its preamble, so a false preamble inside noise costs
 * one error, never a stall. Memory is bounded by {@link IdCardFrame#MAX_FRAME}.
 */
public final class IdCardFrameDecoder {

    private final String device;
    private final byte[] buf = new byte[IdCardFrame.MAX_FRAME * 2];
    private int size;

    public IdCardFrameDecoder(String device) {
        this.device = device;
    }

    /** Adds received bytes. Never throws for content; call {@link #next()} afterwards. */
    public void feed(byte[] bytes, int off, int len) {
        while (len > 0) {
            if (size == buf.length) {
                dropGarbage();
                if (size == buf.length) { // whole buffer is one pending frame + more: cannot happen, but stay bounded
                    discard(1);
                }
            }
            int n = Math.min(len, buf.length - size);
            System.arraycopy(bytes, off, buf, size, n);
            size += n;
            off += n;
            len -= n;
        }
    }

    /**
     * The next complete frame, or empty if more bytes are needed.
     *
     * @throws IdCardException {@code BAD_LENGTH} or {@code BAD_CHECKSUM}; the decoder stays usable
     */
    public Optional<IdCardFrame> next() {
        dropGarbage();
        if (size < IdCardFrame.HEADER) {
            return Optional.empty();
        }
        int len = ((buf[5] & 0xFF) << 8) | (buf[6] & 0xFF);
        if (len < IdCardFrame.MIN_LEN || len > IdCardFrame.MAX_LEN) {
            String shown = IdCardException.hex(buf, 0, IdCardFrame.HEADER);
            discard(1);
            throw new IdCardException(IdCardException.Kind.BAD_LENGTH,
                    device + ": frame length " + len + " outside " + IdCardFrame.MIN_LEN + ".."
                            + IdCardFrame.MAX_LEN + ", header " + shown);
        }
        int total = IdCardFrame.HEADER + len;
        if (size < total) {
            return Optional.empty();
        }
        byte expected = IdCardFrame.checksum(buf, IdCardFrame.PREAMBLE.length, total - 1);
        if (expected != buf[total - 1]) {
            String shown = IdCardException.hex(buf, 0, Math.min(total, IdCardFrame.HEADER + 3));
            byte got = buf[total - 1];
            discard(1);
            throw new IdCardException(IdCardException.Kind.BAD_CHECKSUM, String.format(
                    "%s: checksum %02x, expected %02x, frame of %d bytes starting %s",
                    device, got, expected, total, shown));
        }
        byte[] payload = Arrays.copyOfRange(buf, IdCardFrame.HEADER, total - 1);
        discard(total);
        return Optional.of(new IdCardFrame(payload));
    }

    /** Forgets everything buffered, e.g. stale bytes before a new command. */
    public void reset() {
        size = 0;
    }

    int buffered() {
        return size;
    }

    /** Moves the first preamble (or a possible start of one at the end) to index 0. */
    private void dropGarbage() {
        int p = IdCardFrame.PREAMBLE.length;
        for (int i = 0; i < size; i++) {
            int m = 0;
            while (m < p && i + m < size && buf[i + m] == IdCardFrame.PREAMBLE[m]) {
                m++;
            }
            if (m == p || i + m == size) {
                discard(i);
                return;
            }
        }
        size = 0;
    }

    private void discard(int n) {
        System.arraycopy(buf, n, buf, 0, size - n);
        size -= n;
    }
}
