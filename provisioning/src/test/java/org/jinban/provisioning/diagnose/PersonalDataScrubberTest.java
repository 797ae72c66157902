package org.jinban.provisioning.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PersonalDataScrubberTest {
    @Test
    void idNumbersAndMobileNumbersAreMaskedAndCounted() {
        PersonalDataScrubber s = new PersonalDataScrubber();
        String out = s.scrub("""
                2026-11-23 10:00:01 INFO appeal filed by 11010519491231002X phone 13812345678
                2026-11-23 10:00:02 WARN id=370783199001011234, tel:+86 139-1234-5678, 手机15912345678号
                """);
        assertFalse(out.contains("11010519491231002X"), out);
        assertFalse(out.contains("370783199001011234"), out);
        assertFalse(out.contains("13812345678"), out);
        assertFalse(out.contains("1234-5678"), out);
        assertFalse(out.contains("15912345678"), out);
        assertEquals(2, s.idNumbers(), out);
        assertEquals(3, s.phones(), out);
        assertTrue(out.contains("appeal filed by " + PersonalDataScrubber.ID_MASK + " phone " + PersonalDataScrubber.PHONE_MASK), out);
        assertTrue(out.contains("手机" + PersonalDataScrubber.PHONE_MASK + "号"), out);
    }

    @Test
    void numbersThatAreNotPersonalDataAreLeftAlone() {
        PersonalDataScrubber s = new PersonalDataScrubber();
        String text = """
                grid 370783001001 tracking JB370783001001012026112300042 at 1763892000123
                hash 9f86d081884c7d659a2feaa0c55ad01513812345678a8f3e7c8a0f5d9b1e2c3d4
                uuid 0c2a1b3e-1381-2345-6789-13812345678f masked 138****5678 seq 19000000000000000000
                """;
        assertEquals(text, s.scrub(text));
        assertEquals(0, s.total());
    }
}
