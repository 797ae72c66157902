package org.jinban.kiosk.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {
    @ParameterizedTest
    @CsvSource({
            "张三, 张*",
            "张小三, 张*三",
            "欧阳小明, 欧**明",
            "爱新觉罗溥仪, 爱****仪",
            "张, *",
            "'Li', 'L*'",
            "'John Smith', 'J********h'",
            "' 张小三 ', 张*三",
    })
    void namesKeepTheFirstAndLastCharacter(String name, String masked) {
        assertEquals(masked, Masking.name(name));
    }

    @Test
    void namesAreCutByCodePointSoCharactersOutsideTheBmpSurvive() {
        String rare = "\uD840\uDC0B"; // 𠀋, a CJK Extension B character: two chars, one code point
        assertEquals(rare + "*", Masking.name(rare + "三"));
        assertEquals("张*" + rare, Masking.name("张" + rare + rare));
        assertEquals(rare + "*三", Masking.name(rare + rare + "三"));
        assertEquals("*", Masking.name(rare), "one code point, not two chars");
    }

    @Test
    void anEmptyNameStaysEmpty() {
        assertEquals("", Masking.name(""));
        assertEquals("", Masking.name("  "));
    }

    @ParameterizedTest
    @CsvSource({
            "13812345678, 138****5678",
            "' 19912345678 ', 199****5678",
            "+8613812345678, +86138****5678",
            "0536-1234567, 0536-****567",
            "010-12345678, 010-****5678",
            "05361234567, 0536****567",
            "053612345678, 0536****5678",
            "01012345678, 010****5678",
            "0211234567, 021****567",
            "12345, ***45",
            "23812345678, *********78",
            "12, **",
            "9, *",
    })
    void phoneNumbersShowOnlyWhatLetsTheOwnerRecogniseThem(String phone, String masked) {
        assertEquals(masked, Masking.phone(phone));
    }

    @ParameterizedTest
    @CsvSource({
            "370783199001011234, **************1234",
            "37078319900101123X, **************123X",
            "1234, ****",
            "'', ''",
    })
    void idNumbersShowOnlyTheLastFour(String id, String masked) {
        assertEquals(masked, Masking.idNumber(id));
    }

    @Test
    void nullStaysNull() {
        assertNull(Masking.name(null));
        assertNull(Masking.phone(null));
        assertNull(Masking.idNumber(null));
    }
}
