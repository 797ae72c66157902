package org.jinban.kiosk.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class IdNumberHasherTest {
    private static final String ID = "370783199001011234";

    private final IdNumberHasher hasher = new IdNumberHasher(PersonalDataCipherTest.key(7));

    @Test
    void theSameNumberGivesTheSameHash() {
        assertEquals(hasher.hash(ID), hasher.hash(ID));
        assertEquals(hasher.hash(ID), new IdNumberHasher(PersonalDataCipherTest.key(7)).hash(ID));
    }

    @Test
    void isAnHmacOfTheNumberNotAPlainDigest() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PersonalDataCipherTest.key(7), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(ID.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected, hasher.hash(ID));
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ID.getBytes(StandardCharsets.US_ASCII)));
        assertNotEquals(plain, hasher.hash(ID));
        assertTrue(hasher.hash(ID).matches("[0-9a-f]{64}"));
    }

    @Test
    void anotherSecretGivesAnotherHash() {
        assertNotEquals(hasher.hash(ID), new IdNumberHasher(PersonalDataCipherTest.key(8)).hash(ID));
    }

    @Test
    void differentNumbersGiveDifferentHashes() {
        assertNotEquals(hasher.hash(ID), hasher.hash("370783199001011235"));
    }

    @Test
    void surroundingSpaceAndTheCaseOfTheCheckCharacterDoNotMatter() {
        String upper = hasher.hash("37078319900101123X");
        assertEquals(upper, hasher.hash("37078319900101123x"));
        assertEquals(upper, hasher.hash("  37078319900101123x\n"));
        assertEquals(hasher.hash(ID), hasher.hash(" " + ID + " "));
    }

    @Test
    void onlyAFinalXIsUpperCased() {
        assertEquals("ABCx1X", IdNumberHasher.normalise("ABCx1x"));
        assertEquals("370783199001011234", IdNumberHasher.normalise(" 370783199001011234 "));
    }

    @Test
    void nullStaysNullAndBlankIsRefused() {
        assertNull(hasher.hash(null));
        assertThrows(IllegalArgumentException.class, () -> hasher.hash("   "));
    }

    @Test
    void toStringShowsNoKey() {
        assertEquals("IdNumberHasher[HMAC-SHA256]", hasher.toString());
    }
}
