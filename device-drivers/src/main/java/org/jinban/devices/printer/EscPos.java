package org.jinban.devices.printer;

import java.util.HexFormat;

/** The ESC/POS commands Jinban sends, in one place so renderer, driver and simulator agree. */
public final class EscPos {

    public static final byte ESC = 0x1B;
    public static final byte GS = 0x1D;
    public static final byte FS = 0x1C;
    public static final byte DLE = 0x10;
    public static final byte EOT = 0x04;
    public static final byte LF = 0x0A;

    /** Real-time status n=2, offline cause. */
    public static final int STATUS_OFFLINE_CAUSE = 2;
    /** Real-time status n=4, roll paper sensor. */
    public static final int STATUS_PAPER_SENSOR = 4;

    private EscPos() {
    }

    public static byte[] init() {
        return new byte[] {ESC, '@'};
    }

    public static byte[] align(Receipt.Align align) {
        return new byte[] {ESC, 'a', (byte) align.ordinal()};
    }

    public static byte[] bold(boolean on) {
        return new byte[] {ESC, 'E', (byte) (on ? 1 : 0)};
    }

    /** GS ! n: high nibble width-1, low nibble height-1. */
    public static byte[] size(int width, int height) {
        return new byte[] {GS, '!', (byte) (((width - 1) << 4) | (height - 1))};
    }

    public static byte[] enterChinese() {
        return new byte[] {FS, '&'};
    }

    public static byte[] leaveChinese() {
        return new byte[] {FS, '.'};
    }

    public static byte[] feed(int lines) {
        return new byte[] {ESC, 'd', (byte) lines};
    }

    /** GS V 66 0: feed to the cutter, then partial cut. */
    public static byte[] cut() {
        return new byte[] {GS, 'V', 66, 0};
    }

    public static byte[] qrModel2() {
        return new byte[] {GS, '(', 'k', 4, 0, 0x31, 0x41, 0x32, 0};
    }

    public static byte[] qrModuleSize(int dots) {
        return new byte[] {GS, '(', 'k', 3, 0, 0x31, 0x43, (byte) dots};
    }

    public static byte[] qrErrorCorrection(Receipt.QrLevel level) {
        return new byte[] {GS, '(', 'k', 3, 0, 0x31, 0x45, (byte) (48 + level.ordinal())};
    }

    /** pL pH count the data BYTES plus the three bytes cn fn m, little-endian. */
    public static byte[] qrStore(byte[] data) {
        int len = data.length + 3;
        byte[] out = new byte[8 + data.length];
        out[0] = GS;
        out[1] = '(';
        out[2] = 'k';
        out[3] = (byte) (len & 0xFF);
        out[4] = (byte) (len >>> 8);
        out[5] = 0x31;
        out[6] = 0x50;
        out[7] = 0x30;
        System.arraycopy(data, 0, out, 8, data.length);
        return out;
    }

    public static byte[] qrPrint() {
        return new byte[] {GS, '(', 'k', 3, 0, 0x31, 0x51, 0x30};
    }

    public static byte[] statusRequest(int n) {
        return new byte[] {DLE, EOT, (byte) n};
    }

    /** The first {@code max} bytes as hex, for error messages that must show the bytes. */
    public static String hex(byte[] bytes, int offset, int length, int max) {
        int n = Math.min(length, max);
        String head = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, offset, offset + n);
        return length > max ? head + " … (" + length + " bytes)" : head;
    }

    public static String hex(byte[] bytes, int max) {
        return hex(bytes, 0, bytes.length, max);
    }
}
