package org.jinban.devices.printer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental ESC/POS parser for the simulator: bytes may arrive split anywhere. It understands
 * the commands Jinban sends plus a few common ones, and reports anything else as a typed
 * {@link MalformedEscPosException} after finishing the chunk, dropping only the bad command.
 */
final class EscPosParser {

    /** What the parser saw, in printing order. */
    interface Listener {
        void textLine(String text, Receipt.Align align, boolean bold, int widthMultiplier);

        void feed(int lines);

        void qr(byte[] data, int moduleSize, Receipt.QrLevel level);

        void cut();

        /** A DLE EOT n request; the listener answers (or stays silent). */
        void statusRequest(int n);
    }

    static final int MAX_LINE_BYTES = 4096;

    private final String device;
    private final Listener listener;
    private final int maxCommandBytes;
    private final byte[] cmd;
    private int cmdLen;

    private final StringBuilder line = new StringBuilder();
    private final ByteArrayOutputStream segment = new ByteArrayOutputStream();
    private int lineBytes;
    private boolean chinese;
    private Receipt.Align align = Receipt.Align.LEFT;
    private boolean bold;
    private int widthMultiplier = 1;
    private int qrModuleSize = 3;
    private Receipt.QrLevel qrLevel = Receipt.QrLevel.L;
    private byte[] qrData;

    private String firstProblem;
    private int problems;

    EscPosParser(String device, Listener listener, int maxCommandBytes) {
        this.device = device;
        this.listener = listener;
        this.maxCommandBytes = maxCommandBytes;
        this.cmd = new byte[maxCommandBytes + 5];
    }

    void feed(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            step(data[i]);
        }
        if (problems > 0) {
            String first = firstProblem;
            int count = problems;
            firstProblem = null;
            problems = 0;
            throw new MalformedEscPosException(device, first, count);
        }
    }

    private void step(byte b) {
        if (cmdLen > 0) {
            cmd[cmdLen++] = b;
            int need = required();
            if (need < 0) {
                cmdLen = 0;
            } else if (need == cmdLen) {
                execute();
                cmdLen = 0;
            }
            return;
        }
        int u = b & 0xFF;
        switch (b) {
            case EscPos.ESC, EscPos.GS, EscPos.FS, EscPos.DLE -> cmd[cmdLen++] = b;
            case EscPos.LF -> endLine();
            default -> {
                // other control bytes (CR, HT, ...) and DEL print nothing on a receipt printer
                if (u >= 0x20 && u != 0x7F) {
                    text(b);
                }
            }
        }
    }

    /** Total bytes the pending command needs, or -1 after reporting it malformed. */
    private int required() {
        if (cmdLen < 2) {
            return 2;
        }
        int c1 = cmd[1] & 0xFF;
        return switch (cmd[0]) {
            case EscPos.ESC -> switch (c1) {
                case '@', '2' -> 2;
                case 'a', 'E', 'd', '!', '-', 'J', '3', 'M', 't', 'G', 'R', ' ' -> 3;
                default -> malformed("unknown command ESC " + hex(c1));
            };
            case EscPos.GS -> gsRequired(c1);
            case EscPos.FS -> switch (c1) {
                case '&', '.' -> 2;
                case 'C' -> 3;
                default -> malformed("unknown command FS " + hex(c1));
            };
            default -> { // DLE
                if (c1 != EscPos.EOT) {
                    yield malformed("unknown real-time command DLE " + hex(c1));
                }
                if (cmdLen < 3) {
                    yield 3;
                }
                int n = cmd[2] & 0xFF;
                yield n >= 1 && n <= 4 ? 3 : malformed("DLE EOT with status type " + n + " (expected 1..4)");
            }
        };
    }

    private int gsRequired(int c1) {
        switch (c1) {
            case '!', 'B' -> {
                return 3;
            }
            case 'L', 'W' -> {
                return 4;
            }
            case 'V' -> {
                if (cmdLen < 3) {
                    return 3;
                }
                int m = cmd[2] & 0xFF;
                if (m == 0 || m == 1 || m == 48 || m == 49) {
                    return 3;
                }
                return m == 65 || m == 66 ? 4 : malformed("GS V with cut mode " + m);
            }
            case '(' -> {
                if (cmdLen < 3) {
                    return 3;
                }
                if (cmd[2] != 'k') {
                    return malformed("unsupported function GS ( " + hex(cmd[2] & 0xFF));
                }
                if (cmdLen < 5) {
                    return 5;
                }
                int declared = (cmd[3] & 0xFF) | (cmd[4] & 0xFF) << 8;
                if (declared > maxCommandBytes) {
                    return malformed("GS ( k declares " + declared + " bytes, more than the "
                            + maxCommandBytes + "-byte buffer");
                }
                return declared < 2 ? malformed("GS ( k declares " + declared + " bytes, fewer than cn fn")
                        : 5 + declared;
            }
            default -> {
                return malformed("unknown command GS " + hex(c1));
            }
        }
    }

    private void execute() {
        int c1 = cmd[1] & 0xFF;
        int arg = cmdLen > 2 ? cmd[2] & 0xFF : 0;
        switch (cmd[0]) {
            case EscPos.ESC -> {
                switch (c1) {
                    case '@' -> reset();
                    case 'a' -> align = arg == 1 || arg == '1' ? Receipt.Align.CENTER
                            : arg == 2 || arg == '2' ? Receipt.Align.RIGHT : Receipt.Align.LEFT;
                    case 'E' -> bold = (arg & 1) != 0;
                    case 'd' -> {
                        flushPendingText();
                        listener.feed(arg);
                    }
                    default -> { } // spacing, underline, code page: no effect on the rebuilt text
                }
            }
            case EscPos.GS -> {
                if (c1 == '!') {
                    widthMultiplier = (arg >>> 4) + 1;
                } else if (c1 == 'V') {
                    flushPendingText();
                    listener.cut();
                } else if (c1 == '(') {
                    qrFunction();
                }
            }
            case EscPos.FS -> {
                if (c1 == '&' || c1 == '.') {
                    decodeSegment();
                    chinese = c1 == '&';
                }
            }
            default -> listener.statusRequest(arg);
        }
    }

    private void qrFunction() {
        int body = cmdLen - 5;
        if ((cmd[5] & 0xFF) != 0x31) {
            return; // another symbol type (PDF417, ...): skipped by its length like a printer would
        }
        int fn = cmd[6] & 0xFF;
        int param = body >= 3 ? cmd[7] & 0xFF : -1;
        switch (fn) {
            case 0x43 -> qrModuleSize = param >= 1 && param <= 16 ? param : qrModuleSize;
            case 0x45 -> {
                if (param >= 48 && param <= 51) {
                    qrLevel = Receipt.QrLevel.values()[param - 48];
                } else {
                    malformed("QR error correction " + param + " (expected 48..51)");
                }
            }
            case 0x50 -> qrData = body >= 3 ? Arrays.copyOfRange(cmd, 8, cmdLen) : new byte[0];
            case 0x51 -> printQr();
            default -> { } // model select and the rest change nothing we rebuild
        }
    }

    private void printQr() {
        if (qrData == null || qrData.length == 0) {
            malformed("QR print with no stored data");
            return;
        }
        if (qrData.length > qrLevel.byteCapacity()) {
            malformed("QR data of " + qrData.length + " bytes exceeds the capacity at level " + qrLevel);
            return;
        }
        flushPendingText();
        listener.qr(qrData, qrModuleSize, qrLevel);
    }

    private void text(byte b) {
        segment.write(b);
        if (++lineBytes >= MAX_LINE_BYTES) {
            endLine(); // the printer would have wrapped long before; keeps memory bounded
        }
    }

    private void decodeSegment() {
        if (segment.size() > 0) {
            String s = chinese ? segment.toString(EscPosRenderer.GB18030) : segment.toString(StandardCharsets.ISO_8859_1);
            // GB18030 maps some 4-byte sequences onto C1 controls; those print nothing sensible
            s.codePoints().forEach(cp -> line.appendCodePoint(Character.isISOControl(cp) ? 0xFFFD : cp));
            segment.reset();
        }
    }

    private void flushPendingText() {
        if (lineBytes > 0) {
            endLine();
        }
    }

    private void endLine() {
        decodeSegment();
        listener.textLine(line.toString(), align, bold, widthMultiplier);
        line.setLength(0);
        lineBytes = 0;
    }

    private void reset() {
        segment.reset();
        line.setLength(0);
        lineBytes = 0;
        chinese = false;
        align = Receipt.Align.LEFT;
        bold = false;
        widthMultiplier = 1;
    }

    private int malformed(String problem) {
        problems++;
        if (firstProblem == null) {
            firstProblem = problem + " (bytes " + EscPos.hex(cmd, 0, cmdLen, 16) + ")";
        }
        return -1;
    }

    private static String hex(int b) {
        return String.format("%02X", b);
    }
}
