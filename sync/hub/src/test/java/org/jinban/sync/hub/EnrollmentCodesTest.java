package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EnrollmentCodesTest {
    @Test
    void aCodeIsTwoGroupsOfFourUnambiguousCharactersAndCodesDiffer() {
        Set<String> seen = new HashSet<>();
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String code = EnrollmentCodes.newCode();
            assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), code);
            seen.add(code);
            code.replace("-", "").chars().forEach(c -> used.add((char) c));
        }
        assertEquals(2_000, seen.size(), "40 random bits do not repeat in 2000 draws");
        assertEquals(32, used.size(), "every one of the 32 symbols occurs: 5 bits per character");
        assertEquals(32, EnrollmentCodes.ALPHABET.length());
    }

    @Test
    void typedCodesAreReadLeniently() {
        assertEquals(Optional.of("AB12CD34"), EnrollmentCodes.normalise("ab12-cd34"));
        assertEquals(Optional.of("AB12CD34"), EnrollmentCodes.normalise(" AB12 CD34 "));
        assertEquals(Optional.of("0111AAAA"), EnrollmentCodes.normalise("OIlI-aaaa"), "O reads as 0, I and L as 1");
        assertEquals(Optional.empty(), EnrollmentCodes.normalise("AB12-CD3"));
        assertEquals(Optional.empty(), EnrollmentCodes.normalise("AB12-CD3U"), "U is not in the alphabet");
        assertEquals(Optional.empty(), EnrollmentCodes.normalise("AB12-CD34-5"));
        assertEquals(Optional.empty(), EnrollmentCodes.normalise(null));
    }

    @Test
    void theHashIsStableAndDiffersByCode() {
        String h = EnrollmentCodes.hash("AB12CD34");
        assertEquals(h, EnrollmentCodes.hash("AB12CD34"));
        assertNotEquals(h, EnrollmentCodes.hash("AB12CD35"));
        assertEquals(64, h.length());
        assertTrue(!h.contains("AB12CD34"));
    }
}
