package org.jinban.devices.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ScanLineDecoderTest {
    private final List<String> codes = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final ScanLineDecoder decoder = new ScanLineDecoder(64, new ScanListener() {
        @Override
        public void scanned(String code) {
            codes.add(code);
        }

        @Override
        public void rejected(String reason) {
            refused.add(reason);
        }
    });

    private void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        decoder.feed(b, b.length);
    }

    private void feed(byte... b) {
        decoder.feed(b, b.length);
    }

    @Test
    void oneCodePerLineWhateverTheTerminator() {
        feed("3707830011-20261123-0001-K\r\nABC\rhttps://jinban.example/a?t=寿光\n");
        assertEquals(List.of("3707830011-20261123-0001-K", "ABC", "https://jinban.example/a?t=寿光"), codes);
        assertTrue(refused.isEmpty());
    }

    @Test
    void linesMayArriveInPiecesEvenInsideACharacter() {
        byte[] all = "寿光市\r\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : all) {
            feed(b);
        }
        assertEquals(List.of("寿光市"), codes);
    }

    @Test
    void refusesControlCharactersBadUtf8AndOverlongLinesWithoutRepeatingThem() {
        feed("abc\u0007def\n");
        feed((byte) 0xff, (byte) 0xfe, (byte) 'x', (byte) '\n');
        feed("x".repeat(65) + "\n");
        feed("y".repeat(10_000) + "\n");
        feed("   \n");
        feed("ok\n");
        assertEquals(List.of("ok"), codes);
        assertEquals(List.of("control characters in the line", "not valid UTF-8 (3 bytes)",
                "line longer than 64 characters", "line longer than 64 characters", "blank line"), refused);
        refused.forEach(r -> assertFalse(r.contains("abc") || r.contains("xxx"), "the line is not repeated: " + r));
    }

    @Test
    void sixtyFourChineseCharactersFitButSixtyFiveDoNot() {
        feed("码".repeat(64) + "\n" + "码".repeat(65) + "\n");
        assertEquals(1, codes.size());
        assertEquals(List.of("line longer than 64 characters"), refused);
    }

    @Test
    void randomBytesNeverThrowAndNeverPassControlCharacters() {
        Random random = new Random(11);
        byte[] chunk = new byte[257];
        for (int i = 0; i < 20_000; i++) {
            random.nextBytes(chunk);
            decoder.feed(chunk, random.nextInt(chunk.length + 1));
        }
        feed("\n");
        assertTrue(codes.stream().allMatch(c -> c.codePoints().noneMatch(Character::isISOControl)));
        assertTrue(codes.stream().allMatch(c -> c.codePointCount(0, c.length()) <= 64));
    }

    @Test
    void refusesAnImpossibleLimit() {
        assertThrows(IllegalArgumentException.class, () -> new ScanLineDecoder(0, null));
    }
}
