package org.jinban.kiosk.enroll;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The kiosk's own Ed25519 key pair, made on the kiosk at enrollment: the private key never
 * leaves it (PKCS#8 DER in {@code identity.key}), the public one goes to the hub, which binds it
 * to the kiosk id. Its fingerprint is the SHA-256 of the X.509 encoding as colon-separated hex
 * pairs, the same as the hub's kiosk list shows (there: its first {@value #SHORT_BYTES} bytes).
 */
public final class KioskIdentity {
    public static final int SHORT_BYTES = 8;
    private final KeyPair pair;

    private KioskIdentity(KeyPair pair) {
        this.pair = pair;
    }

    public static KioskIdentity generate() {
        try {
            return new KioskIdentity(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519", e);
        }
    }

    /** PKCS#8 DER of the private key: secret, for {@code identity.key} only. */
    public byte[] privateKeyPkcs8() {
        return pair.getPrivate().getEncoded();
    }

    /** Base64 of the public key's X.509 encoding, as the hub takes it and {@code identity.pub} holds it. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    public String fingerprint() {
        return HexFormat.ofDelimiter(":").formatHex(sha256(pair.getPublic().getEncoded()));
    }

    public String shortFingerprint() {
        return HexFormat.ofDelimiter(":").formatHex(Arrays.copyOf(sha256(pair.getPublic().getEncoded()), SHORT_BYTES));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "KioskIdentity[" + shortFingerprint() + "]"; // never the private key
    }
}
