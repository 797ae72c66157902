package org.jinban.kiosk.appeal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TrackingNumbersTest {
    private final TrackingNumbers numbers = new TrackingNumbers("370783001001", "01");

    @Test
    void theCheckCharacterIsIso7064Mod112AsOnIdNumbers() {
        // GB 11643 uses the same check character: these are well-known valid sample ID numbers
        assertEquals('X', TrackingNumbers.check("11010519491231002"));
        assertEquals('4', TrackingNumbers.check("44052418800101001"));
    }

    @Test
    void formatsGridKioskDaySequenceAndCheck() {
        String no = numbers.format(TrackingNumbers.day(LocalDate.of(2026, 11, 23)), 7);
        assertTrue(no.startsWith("370783001001-01-261123-0007"), no);
        assertEquals(28, no.length());
        assertTrue(TrackingNumbers.valid(no));
    }

    @Test
    void aMistypedDigitOrTwoSwappedDigitsAreCaught() {
        String no = numbers.format("261123", 4711);
        for (int i = 0; i < no.length() - 1; i++) {
            char c = no.charAt(i);
            if (!Character.isDigit(c)) {
                continue;
            }
            String typo = no.substring(0, i) + (char) ('0' + (c - '0' + 1) % 10) + no.substring(i + 1);
            assertFalse(TrackingNumbers.valid(typo), typo);
        }
        String swapped = no.substring(0, 23) + no.charAt(24) + no.charAt(23) + no.substring(25);
        if (no.charAt(23) != no.charAt(24)) {
            assertFalse(TrackingNumbers.valid(swapped), swapped);
        }
    }

    @Test
    void everySequenceOfADayGivesAnotherNumber() {
        Set<String> seen = new HashSet<>();
        for (int i = 1; i <= 9_999; i++) {
            assertTrue(seen.add(numbers.format("261123", i)));
        }
        assertTrue(TrackingNumbers.valid(numbers.format("261123", 123_456)), "past 9,999 the sequence widens");
        assertThrows(IllegalArgumentException.class, () -> numbers.format("261123", 0));
    }

    @Test
    void findsWhereANumberOfThisKioskStandsAndIgnoresOthers() {
        assertEquals(Optional.of(new TrackingNumbers.Position("261123", 75)),
                numbers.positionOf(numbers.format("261123", 75)));
        assertEquals(Optional.of(new TrackingNumbers.Position("261124", 123_456)),
                numbers.positionOf(numbers.format("261124", 123_456)));
        assertTrue(numbers.positionOf(new TrackingNumbers("370783001001", "02").format("261123", 75)).isEmpty(),
                "another kiosk of the grid");
        assertTrue(numbers.positionOf(new TrackingNumbers("370783001002", "01").format("261123", 75)).isEmpty(),
                "another grid");
        String typo = numbers.format("261123", 75);
        typo = typo.substring(0, typo.length() - 2) + (typo.charAt(typo.length() - 2) == '9' ? '8' : '9')
                + typo.charAt(typo.length() - 1);
        assertTrue(numbers.positionOf(typo).isEmpty(), "a wrong check character");
        assertTrue(numbers.positionOf("").isEmpty());
    }

    @Test
    void refusesWhatIsNotShapedLikeOne() {
        for (String bad : new String[] {null, "", "370783001001", "' OR 1=1 --", "370783001001-01-261123-0007",
                "370783001001-1-261123-00075", "370783001001-01-261123-00075\n"}) {
            assertFalse(TrackingNumbers.valid(bad), String.valueOf(bad));
        }
    }
}
