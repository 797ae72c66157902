package org.jinban.devices.scanner;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes a scanner in USB CDC serial mode sends into codes: one code per line, ended
 * by CR, LF or CR LF (scanners are configured with either; an empty line between CR and LF is
 * not a scan). A line is passed on only if it is valid UTF-8, has no control characters and is
 * at most {@code maxLength} characters; anything else is refused with a reason, and an
 * over-long line is dropped up to its end without holding more than {@code maxLength} bytes.
 *
 * <p>Not thread-safe: one reader thread feeds it.
 */
public final class ScanLineDecoder {
    private final int maxLength;
    private final ScanListener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean overlong;

    public ScanLineDecoder(int maxLength, ScanListener listener) {
        if (maxLength < 1 || maxLength > 8192) {
            throw new IllegalArgumentException("maxLength must be 1 to 8192, was " + maxLength);
        }
        this.maxLength = maxLength;
        this.listener = listener;
    }

    /** Feeds {@code count} bytes read from the port. */
    public void feed(byte[] bytes, int count) {
        for (int i = 0; i < count; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                endLine();
            } else if (overlong) {
                continue;
            } else if (line.size() >= maxLength * 4) {
                // 4 bytes is the longest UTF-8 character: past this the line cannot fit
                overlong = true;
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private void endLine() {
        if (overlong) {
            overlong = false;
            listener.rejected("line longer than " + maxLength + " characters");
            return;
        }
        if (line.size() == 0) {
            return; // the LF of a CR LF, or a stray terminator
        }
        byte[] raw = line.toByteArray();
        line.reset();
        String text;
        try {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            text = utf8.decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            listener.rejected("not valid UTF-8 (" + raw.length + " bytes)");
            return;
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            listener.rejected("line longer than " + maxLength + " characters");
        } else if (text.codePoints().anyMatch(ScanLineDecoder::control)) {
            listener.rejected("control characters in the line");
        } else if (text.isBlank()) {
            listener.rejected("blank line");
        } else {
            listener.scanned(text);
        }
    }

    private static boolean control(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }
}
