package org.jinban.sync.hub;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Staff PINs hashed into the kiosk's stored form (its {@code PinHasher}):
 * {@code pbkdf2-sha256$<iterations>$<saltB64>$<hashB64>}, PBKDF2-HMAC-SHA256 with a random
 * 16-byte salt, a 32-byte hash and standard base64. The kiosk reads the iteration count from
 * the string, so it verifies what the hub made. The PIN itself goes nowhere else.
 */
final class PinHashes {
    static final int ITERATIONS = 20_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PinHashes() {
    }

    /** The stored form of {@code pin}, with a fresh salt. */
    static String hash(String pin) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(pin, salt, ITERATIONS));
    }

    static byte[] derive(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new HubException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
