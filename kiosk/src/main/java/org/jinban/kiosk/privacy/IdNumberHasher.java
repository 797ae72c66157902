package org.jinban.kiosk.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a resident ID number into the keyed hash the kiosk stores instead of it, so that a
 * resident's appeals can be found again by their card without the number being on disk.
 *
 * <p>A plain SHA-256 would not do: there are few enough valid ID numbers to hash them all. The
 * HMAC key comes from the kiosk's secret, so a copy of the database alone reveals nothing.
 */
public final class IdNumberHasher {
    private final SecretKey key;

    /** {@code key} comes from {@link KioskSecret#idNumbers()}, never shared with the cipher. */
    IdNumberHasher(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The lower-case hex HMAC-SHA256 of the normalised number (trimmed, a final check character
     * {@code x} upper-cased, as a card reader and a typed number may differ only there);
     * {@code null} stays {@code null}.
     *
     * @throws IllegalArgumentException if the number is blank
     */
    public String hash(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        String normal = normalise(idNumber);
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("an ID number cannot be blank");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normal.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new PrivacyException("HMAC-SHA256 is not available to hash an ID number", e);
        }
    }

    static String normalise(String idNumber) {
        String t = idNumber.strip();
        return t.endsWith("x") ? t.substring(0, t.length() - 1) + "X" : t;
    }

    @Override
    public String toString() {
        return "IdNumberHasher[HMAC-SHA256]";
    }
}
