package org.jinban.kiosk.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts names, phone numbers and free text at rest with AES-256-GCM.
 *
 * <p>A blob is {@code version (1 byte) | nonce (12 bytes) | ciphertext and tag (16 bytes)}.
 * The caller's {@code context} (for example {@code appeal/<id>/name}) is bound in as
 * associated data: a ciphertext copied into another row or column does not decrypt there,
 * so a database edit cannot swap one resident's name in for another's unnoticed.
 *
 * <p>Thread-safe: every call takes its own {@link Cipher}. Nonces are random; at the few
 * thousand records a kiosk writes with one key, a repeat is out of reach (NIST allows
 * 2<sup>32</sup> random nonces per key).
 */
public final class PersonalDataCipher {
    static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MIN_BLOB = 1 + NONCE_BYTES + TAG_BITS / 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    /** {@code key} is 32 bytes; {@link KioskSecret#cipher()} derives it from the kiosk's secret. */
    PersonalDataCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The blob for {@code plaintext} bound to {@code context}; {@code null} stays {@code null}. */
    public byte[] encrypt(String plaintext, String context) {
        Objects.requireNonNull(context, "context");
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new PrivacyException("AES-GCM is not available to encrypt " + context, e);
        }
    }

    /**
     * The plaintext sealed in {@code blob} under {@code context}; {@code null} stays {@code null}.
     *
     * @throws PrivacyException if the blob is short, of another version, altered, or sealed
     *                          under another context or key
     */
    public String decrypt(byte[] blob, String context) {
        Objects.requireNonNull(context, "context");
        if (blob == null) {
            return null;
        }
        if (blob.length < MIN_BLOB) {
            throw new PrivacyException("the ciphertext for " + context + " is too short (" + blob.length + " bytes)");
        }
        if (blob[0] != VERSION) {
            throw new PrivacyException("the ciphertext for " + context + " has unknown version " + (blob[0] & 0xff));
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 1, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(blob, 1 + NONCE_BYTES, blob.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            // No cause attached: the provider's message adds nothing, and nothing of the data may leak.
            throw new PrivacyException("the ciphertext for " + context
                    + " was altered, belongs to another field, or was sealed with another kiosk's key");
        } catch (GeneralSecurityException e) {
            throw new PrivacyException("AES-GCM is not available to decrypt " + context, e);
        }
    }

    @Override
    public String toString() {
        return "PersonalDataCipher[AES-256-GCM]";
    }
}
