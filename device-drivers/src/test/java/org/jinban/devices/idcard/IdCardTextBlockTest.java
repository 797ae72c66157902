package org.jinban.devices.idcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdCardTextBlockTest {

    @Test
    void roundTripsBothSamples() {
        for (IdCardRecord r : new IdCardRecord[] {IdCardSamples.testSample(), IdCardSamples.longTermSample()}) {
            byte[] text = IdCardTextBlock.encode(r);
            assertEquals(256, text.length);
            assertEquals(r, IdCardTextBlock.decode(text, r.photo()));
        }
    }

    @Test
    void decodesFieldsAtTheirOffsetsAndTrimsPadding() {
        byte[] text = IdCardTextBlock.encode(IdCardSamples.testSample());
        // name occupies bytes 0..29: "测试样例" then 11 spaces
        assertEquals("测试样例" + " ".repeat(11), new String(text, 0, 30, StandardCharsets.UTF_16LE));
        assertEquals("1", new String(text, 30, 2, StandardCharsets.UTF_16LE));
        assertEquals("01", new String(text, 32, 4, StandardCharsets.UTF_16LE));
        assertEquals("19900101", new String(text, 36, 16, StandardCharsets.UTF_16LE));
        assertEquals("370783199001011232", new String(text, 122, 36, StandardCharsets.UTF_16LE));
        IdCardRecord r = IdCardTextBlock.decode(text, new byte[0]);
        assertEquals("测试样例", r.name());
        assertEquals(Gender.MALE, r.gender());
        assertEquals("山东省寿光市圣城街道测试路1号", r.address());
        assertEquals(Optional.of(LocalDate.of(2040, 5, 1)), r.validTo());
    }

    @Test
    void longTermValidToIsEmpty() {
        byte[] text = IdCardTextBlock.encode(IdCardSamples.longTermSample());
        assertEquals("长期" + " ".repeat(6), new String(text, 204, 16, StandardCharsets.UTF_16LE));
        IdCardRecord r = IdCardTextBlock.decode(text, new byte[0]);
        assertTrue(r.isLongTerm());
        assertEquals("37078319920315002X", r.idNumber());
        assertEquals(Gender.FEMALE, r.gender());
    }

    @Test
    void badGenderCodeIsMalformed() {
        byte[] text = IdCardTextBlock.encode(IdCardSamples.testSample());
        text[30] = '7';
        IdCardException e = assertThrows(IdCardException.class, () -> IdCardTextBlock.decode(text, new byte[0]));
        assertEquals(IdCardException.Kind.MALFORMED_TEXT, e.kind());
        assertTrue(e.getMessage().contains("gender"), e.getMessage());
    }

    @Test
    void badDateIsMalformedAndMessageHasNoContent() {
        byte[] text = IdCardTextBlock.encode(IdCardSamples.testSample());
        text[36 + 8] = '2'; // month 21
        IdCardException e = assertThrows(IdCardException.class, () -> IdCardTextBlock.decode(text, new byte[0]));
        assertEquals(IdCardException.Kind.MALFORMED_TEXT, e.kind());
        assertFalse(e.getMessage().contains("1990"), e.getMessage());
    }

    @Test
    void wrongSizeIsMalformed() {
        assertEquals(IdCardException.Kind.MALFORMED_TEXT, assertThrows(IdCardException.class,
                () -> IdCardTextBlock.decode(new byte[255], new byte[0])).kind());
    }

    @Test
    void corruptedIdDigitIsRejected() {
        byte[] text = IdCardTextBlock.encode(IdCardSamples.testSample());
        text[122 + 2 * 16] = '5'; // 17th digit changed, check char no longer fits
        assertEquals(IdCardException.Kind.BAD_ID_NUMBER, assertThrows(IdCardException.class,
                () -> IdCardTextBlock.decode(text, new byte[0])).kind());
    }
}
