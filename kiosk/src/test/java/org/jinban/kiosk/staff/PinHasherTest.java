package org.jinban.kiosk.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PinHasherTest {
    private final PinHasher hasher = new PinHasher(1_000);

    @Test
    void theStoredFormNamesSchemeIterationsSaltAndHash() {
        String stored = hasher.hash("246810");
        String[] parts = stored.split("\\$");
        assertEquals(4, parts.length, stored);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("1000", parts[1]);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
        assertFalse(stored.contains("246810"));
    }

    @Test
    void theRightPinVerifiesAndAWrongOneDoesNot() {
        String stored = hasher.hash("246810");
        assertTrue(hasher.verify("246810", stored));
        assertFalse(hasher.verify("246811", stored));
        assertFalse(hasher.verify("2468100", stored));
        assertFalse(hasher.verify("", stored));
        assertFalse(hasher.verify(null, stored));
    }

    @Test
    void eachHashHasItsOwnSalt() {
        String a = hasher.hash("246810");
        String b = hasher.hash("246810");
        assertNotEquals(a, b);
        assertTrue(hasher.verify("246810", a));
        assertTrue(hasher.verify("246810", b));
    }

    @Test
    void theIterationsAreReadFromTheStoredForm() {
        String older = new PinHasher(1_500).hash("135790");
        assertTrue(hasher.verify("135790", older), "a hash made with another count still verifies");
        String[] parts = older.split("\\$");
        String otherCount = parts[0] + "$1000$" + parts[2] + "$" + parts[3];
        assertFalse(hasher.verify("135790", otherCount), "the count is part of the hash");
    }

    @Test
    void theDefaultCountIsWhatTheJavadocMeasured() {
        assertEquals(20_000, PinHasher.DEFAULT_ITERATIONS);
        assertEquals("20000", new PinHasher().hash("246810").split("\\$")[1]);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "pbkdf2-sha256",
            "pbkdf2-sha256$1000$c2FsdA==",
            "pbkdf2-sha1$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$x$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$-5$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$99999999999$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$2000001$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$1000$!!notbase64!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$1000$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
            "pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$extra",
            "246810",
    })
    void aMalformedStoredFormIsFalseNotAnException(String stored) {
        assertFalse(hasher.verify("246810", stored));
    }

    @Test
    void aMalformedStoredFormCostsNoDerivation() {
        long before = hasher.derivations();
        hasher.verify("246810", "pbkdf2-sha256$2000001$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        assertEquals(before, hasher.derivations(), "a huge count is refused before it is run");
        hasher.verify("246810", hasher.hash("246810"));
        assertEquals(before + 2, hasher.derivations());
    }

    @Test
    void theIterationCountIsBounded() {
        assertThrows(IllegalArgumentException.class, () -> new PinHasher(999));
        assertThrows(IllegalArgumentException.class, () -> new PinHasher(2_000_001));
    }

    @ParameterizedTest
    @ValueSource(strings = {"246810", "135790", "123457", "1357924", "80402468", "112233", "975318"})
    void reasonablePinsHaveNoProblem(String pin) {
        assertEquals(Optional.empty(), PinHasher.problem(pin));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12345", "123456789", "12a456", "１２３４５６", "24681 ", " 246810", "٢٤٦٨١٠"})
    void aPinIsSixToEightAsciiDigits(String pin) {
        assertEquals(Optional.of("A PIN must be 6 to 8 digits (0-9)."), PinHasher.problem(pin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"000000", "1111111", "99999999"})
    void oneRepeatedDigitIsRefused(String pin) {
        assertEquals(Optional.of("A PIN must not be one digit repeated."), PinHasher.problem(pin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456", "654321", "12345678", "87654321", "0123456", "890123", "210987"})
    void aStraightRunIsRefused(String pin) {
        assertTrue(PinHasher.problem(pin).orElseThrow().contains("consecutive"), pin);
    }

    @Test
    void toStringShowsNoSecrets() {
        assertEquals("PinHasher[pbkdf2-sha256, 1000 iterations]", hasher.toString());
    }
}
