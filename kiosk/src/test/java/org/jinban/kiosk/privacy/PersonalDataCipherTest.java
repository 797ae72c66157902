package org.jinban.kiosk.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {
    private static final String NAME = "张小三";
    private static final String CONTEXT = "appeal/0b5e6a1c/name";

    private final PersonalDataCipher cipher = new PersonalDataCipher(key(1));

    @Test
    void roundTripsUnicodeIncludingCharactersOutsideTheBmp() {
        for (String text : List.of(NAME, "", "\uD840\uDC0B张", "John O'Brien", "东风路 12 号 3-401")) {
            assertEquals(text, cipher.decrypt(cipher.encrypt(text, CONTEXT), CONTEXT));
        }
    }

    @Test
    void theBlobIsVersionNonceAndSealedTextWithNoPlaintextInIt() {
        byte[] blob = cipher.encrypt(NAME, CONTEXT);
        byte[] plain = NAME.getBytes(StandardCharsets.UTF_8);
        assertEquals(PersonalDataCipher.VERSION, blob[0]);
        assertEquals(1 + 12 + plain.length + 16, blob.length);
        assertFalse(contains(blob, plain), "the UTF-8 of the name must not appear in the blob");
    }

    @Test
    void everyEncryptionTakesAFreshNonce() {
        byte[] a = cipher.encrypt(NAME, CONTEXT);
        byte[] b = cipher.encrypt(NAME, CONTEXT);
        assertFalse(Arrays.equals(a, b));
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, 1, 13), Arrays.copyOfRange(b, 1, 13)));
    }

    @Test
    void aBlobCopiedToAnotherFieldOrRowDoesNotDecrypt() {
        byte[] blob = cipher.encrypt(NAME, CONTEXT);
        PrivacyException e = assertThrows(PrivacyException.class, () -> cipher.decrypt(blob, "appeal/0b5e6a1c/phone"));
        assertNoPlaintext(e);
        assertThrows(PrivacyException.class, () -> cipher.decrypt(blob, "appeal/ffffffff/name"));
    }

    @Test
    void everyAlteredByteIsRefused() {
        byte[] blob = cipher.encrypt(NAME, CONTEXT);
        for (int i = 1; i < blob.length; i++) {
            byte[] bad = blob.clone();
            bad[i] ^= 0x01;
            PrivacyException e = assertThrows(PrivacyException.class, () -> cipher.decrypt(bad, CONTEXT), "byte " + i);
            assertNoPlaintext(e);
        }
    }

    @Test
    void aShortOrTruncatedBlobIsRefused() {
        byte[] blob = cipher.encrypt(NAME, CONTEXT);
        assertThrows(PrivacyException.class, () -> cipher.decrypt(new byte[0], CONTEXT));
        assertThrows(PrivacyException.class, () -> cipher.decrypt(Arrays.copyOf(blob, 28), CONTEXT));
        assertThrows(PrivacyException.class, () -> cipher.decrypt(Arrays.copyOf(blob, blob.length - 1), CONTEXT));
    }

    @Test
    void anUnknownVersionIsRefusedByName() {
        byte[] blob = cipher.encrypt(NAME, CONTEXT);
        blob[0] = 2;
        PrivacyException e = assertThrows(PrivacyException.class, () -> cipher.decrypt(blob, CONTEXT));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void anotherKeyCannotDecrypt() {
        byte[] blob = cipher.encrypt(NAME, CONTEXT);
        assertThrows(PrivacyException.class, () -> new PersonalDataCipher(key(2)).decrypt(blob, CONTEXT));
    }

    @Test
    void nullStaysNull() {
        assertNull(cipher.encrypt(null, CONTEXT));
        assertNull(cipher.decrypt(null, CONTEXT));
    }

    @Test
    void aContextIsRequired() {
        assertThrows(NullPointerException.class, () -> cipher.encrypt(NAME, null));
    }

    @Test
    void theKeyMustBe32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new PersonalDataCipher(new byte[16]));
    }

    @Test
    void oneCipherServesManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int n = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String text = "居民" + n + "-" + i;
                        String ctx = "appeal/" + n + "/" + i;
                        if (!text.equals(cipher.decrypt(cipher.encrypt(text, ctx), ctx))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringShowsNoKey() {
        assertEquals("PersonalDataCipher[AES-256-GCM]", cipher.toString());
    }

    @Test
    void aBlobStaysReadableAcrossInstancesWithTheSameKey() {
        byte[] blob = cipher.encrypt(NAME, CONTEXT);
        assertEquals(NAME, new PersonalDataCipher(key(1)).decrypt(blob, CONTEXT));
    }

    private static void assertNoPlaintext(PrivacyException e) {
        assertFalse(e.getMessage().contains(NAME), e.getMessage());
        assertFalse(e.getMessage().contains("张"), e.getMessage());
    }

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
