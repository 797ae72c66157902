package org.jinban.devices.printer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscPosRendererTest {

    private static final byte[] INIT = hex("1B40");
    private final EscPosRenderer renderer = new EscPosRenderer();

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private byte[] render(Receipt.Block block) {
        return renderer.render(Receipt.builder().add(block).build());
    }

    @Test
    void emptyReceiptIsJustInit() {
        assertArrayEquals(INIT, renderer.render(Receipt.builder().build()));
    }

    @ParameterizedTest
    @CsvSource({"LEFT,00", "CENTER,01", "RIGHT,02"})
    void alignmentIsEscA(Receipt.Align align, String n) {
        byte[] expected = concat(INIT, hex("1B61" + n), hex("1B4500"), hex("1D2100"), "AB".getBytes(StandardCharsets.US_ASCII), hex("0A"));
        assertArrayEquals(expected, render(new Receipt.Text("AB", align, false, false)));
    }

    @Test
    void boldIsEscE1() {
        byte[] expected = concat(INIT, hex("1B6100 1B4501 1D2100"), "Hi".getBytes(StandardCharsets.US_ASCII), hex("0A"));
        assertArrayEquals(expected, render(new Receipt.Text("Hi", Receipt.Align.LEFT, true, false)));
    }

    @Test
    void doubleSizeIsGsBang11() {
        byte[] expected = concat(INIT, hex("1B6100 1B4500 1D2111"), "X".getBytes(StandardCharsets.US_ASCII), hex("0A"));
        assertArrayEquals(expected, render(new Receipt.Text("X", Receipt.Align.LEFT, false, true)));
    }

    @Test
    void chineseTextIsGb18030BetweenFsAmpersandAndFsDot() {
        // 圣 = CA A5, 城 = B3 C7 in GB18030 (GB2312 range); ：is A3 BA
        byte[] expected = concat(INIT, hex("1B6101 1B4501 1D2100"), hex("1C26 CAA5 B3C7 A3BA 41 1C2E"), hex("0A"));
        assertArrayEquals(expected, render(new Receipt.Text("圣城：A", Receipt.Align.CENTER, true, false)));
    }

    @Test
    void feedIsEscD() {
        assertArrayEquals(concat(INIT, hex("1B6403")), render(new Receipt.Feed(3)));
    }

    @Test
    void cutIsPartialCutAfterFeed() {
        assertArrayEquals(concat(INIT, hex("1D564200")), render(new Receipt.Cut()));
    }

    @Test
    void ruleIsFortyEightDashes() {
        byte[] expected = concat(INIT, hex("1B6100 1B4500 1D2100"), "-".repeat(48).getBytes(StandardCharsets.US_ASCII), hex("0A"));
        assertArrayEquals(expected, render(new Receipt.Rule()));
    }

    @Test
    void qrStoreLengthCountsUtf8BytesNotCharacters() {
        String payload = SampleReceipts.QR_PAYLOAD;
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        assertEquals(34, payload.length());
        assertEquals(38, data.length); // 寿 光 are three UTF-8 bytes each
        int len = data.length + 3; // 41 = 0x29
        byte[] expected = concat(INIT,
                hex("1B6101"),
                hex("1D286B 0400 31 41 32 00"),
                hex("1D286B 0300 31 43 06"),
                hex("1D286B 0300 31 45 31"),
                hex("1D286B 2900 31 50 30"), data,
                hex("1D286B 0300 31 51 30"));
        assertEquals(0x29, len);
        assertArrayEquals(expected, render(new Receipt.Qr(payload, 6, Receipt.QrLevel.M)));
    }

    @Test
    void qrLengthAbove255UsesHighByte() {
        String payload = "码".repeat(100); // 300 UTF-8 bytes + 3 = 303 = 0x012F
        byte[] bytes = render(new Receipt.Qr(payload, 4, Receipt.QrLevel.L));
        String hexDump = HexFormat.of().formatHex(bytes).toUpperCase();
        assertEquals(true, hexDump.contains("1D286B2F01315030"), hexDump.substring(0, 80));
        assertEquals(true, hexDump.contains("1D286B03003145" + "30"));
    }

    @Test
    void longChineseLineWrapsAtTwentyFourCharacters() {
        String text = "办".repeat(30);
        Charset gb = Charset.forName("GB18030");
        byte[] expected = concat(INIT,
                hex("1B6100 1B4500 1D2100 1C26"), "办".repeat(24).getBytes(gb), hex("1C2E 0A"),
                hex("1B6100 1B4500 1D2100 1C26"), "办".repeat(6).getBytes(gb), hex("1C2E 0A"));
        assertArrayEquals(expected, render(new Receipt.Text(text, Receipt.Align.LEFT, false, false)));
    }

    @Test
    void doubleSizeWrapsAtHalfTheColumns() {
        assertEquals(java.util.List.of("办".repeat(12), "办".repeat(3)), ReceiptLayout.wrap("办".repeat(15), ReceiptLayout.columns(true)));
        assertEquals(java.util.List.of("a".repeat(24), "a"), ReceiptLayout.wrap("a".repeat(25), ReceiptLayout.columns(true)));
        assertEquals(java.util.List.of("a".repeat(47), "办b"), ReceiptLayout.wrap("a".repeat(47) + "办b", 48));
    }
}
