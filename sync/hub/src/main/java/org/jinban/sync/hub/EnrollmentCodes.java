package org.jinban.sync.hub;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * One-time enrollment codes as a technician types them: {@code XXXX-XXXX}, eight characters of
 * Crockford's base32 (no I, L, O or U; typed I/L read as 1 and O as 0, case and dashes
 * ignored), so 40 random bits. Kept only as a slow hash: a leaked table does not give a live
 * code away within its lifetime (2^40 PBKDF2 runs), and guessing online is rate-limited.
 */
final class EnrollmentCodes {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 8;
    private static final int ITERATIONS = 20_000;
    /** A fixed salt: a code is looked up by its hash, and codes are random, never reused. */
    private static final byte[] SALT = "jinban-hub-enrollment-code-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnrollmentCodes() {
    }

    /** A new code, {@code XXXX-XXXX}. */
    static String newCode() {
        long bits = 0;
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        for (byte b : bytes) {
            bits = (bits << 8) | (b & 0xFF);
        }
        StringBuilder code = new StringBuilder(LENGTH + 1);
        for (int i = LENGTH - 1; i >= 0; i--) {
            code.append(ALPHABET.charAt((int) ((bits >>> (5 * i)) & 31)));
            if (i == LENGTH / 2) {
                code.append('-');
            }
        }
        return code.toString();
    }

    /** The code's canonical eight characters, or empty if {@code typed} cannot be a code. */
    static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 32) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (char ch : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            char c = switch (ch) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> ch;
            };
            if (c == '-' || c == ' ') {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
            out.append(c);
        }
        return out.length() == LENGTH ? Optional.of(out.toString()) : Optional.empty();
    }

    /** The stored hash of a normalised code. */
    static String hash(String normalised) {
        try {
            byte[] h = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(normalised.toCharArray(), SALT, ITERATIONS, 256)).getEncoded();
            return HexFormat.of().formatHex(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no PBKDF2WithHmacSHA256", e);
        }
    }
}
