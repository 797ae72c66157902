package org.jinban.sync.hub;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

import org.jinban.sync.protocol.CommandSignature;

/**
 * The Ed25519 public key a kiosk makes for itself and sends when it redeems its enrollment
 * code (docs/sync-protocol.md, "Enrollment codes"), and its fingerprint: SHA-256 of the key's
 * X.509 encoding as colon-separated hex pairs; the short form is its first 8 bytes, enough for
 * a technician to compare what the kiosk printed with the hub's kiosk list.
 */
final class EnrollmentKeys {
    static final int SHORT_BYTES = 8;

    private EnrollmentKeys() {
    }

    /**
     * The key in its canonical base64 (re-encoded), or a 400 problem naming the field.
     */
    static String canonical(String base64) {
        PublicKey key;
        try {
            key = CommandSignature.decodePublicKey(base64.strip());
        } catch (IllegalArgumentException e) {
            throw HttpProblem.invalid("publicKey: must be an Ed25519 public key, base64 of its X.509 encoding");
        }
        return CommandSignature.encodePublicKey(key);
    }

    /** The full fingerprint of a base64 X.509 key. */
    static String fingerprint(String base64) {
        return pairs(sha256(java.util.Base64.getDecoder().decode(base64)));
    }

    /** The first {@link #SHORT_BYTES} bytes of {@link #fingerprint}, or null for no key. */
    static String shortFingerprint(String base64) {
        if (base64 == null) {
            return null;
        }
        byte[] full = sha256(java.util.Base64.getDecoder().decode(base64));
        return pairs(java.util.Arrays.copyOf(full, SHORT_BYTES));
    }

    private static String pairs(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
