package org.jinban.kiosk.staff;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes staff PINs with PBKDF2-HMAC-SHA256 and a random 16-byte salt, stored as
 * {@code pbkdf2-sha256$<iterations>$<saltB64>$<hashB64>}.
 *
 * <p>A six-digit PIN has a million values, so no iteration count stops someone holding the
 * database from trying them all; the lock after {@link StaffAuthenticator#MAX_FAILURES} wrong
 * PINs is what protects the kiosk's login. The iterations only make such a search slower and
 * must not make a login slow on the kiosk.
 *
 * <p>{@link #DEFAULT_ITERATIONS} = 20,000 aims at about 100 ms on a Raspberry Pi 4. Measured on
 * the 2-core x86 build VM (AMD EPYC, Temurin 25, warmed up): 0.27 µs per iteration (5 ms for
 * 20,000) with the JIT's SHA-256 intrinsic, 1.4 µs per iteration (28 ms) with it switched off
 * ({@code -XX:-UseSHA256Intrinsics}). The Pi 4's Cortex-A72 has no ARMv8 SHA-2 instructions,
 * so HotSpot runs the plain Java SHA-256 there; at about a third to a quarter of this VM's
 * speed per core that is some 4–6 µs per iteration, 80–120 ms for 20,000. The first login after
 * a start costs more, before the JIT has compiled SHA-256. Measure again on the target and
 * change the count through the constructor: {@link #verify} reads the count from the stored
 * string, so hashes made with another count keep working.
 */
public final class PinHasher {
    public static final int DEFAULT_ITERATIONS = 20_000;
    static final int MIN_ITERATIONS = 1_000;
    /** A stored string asking for more is refused unread: it would hold a login for minutes. */
    static final int MAX_ITERATIONS = 2_000_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final AtomicLong derivations = new AtomicLong();

    public PinHasher() {
        this(DEFAULT_ITERATIONS);
    }

    public PinHasher(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be between " + MIN_ITERATIONS + " and "
                    + MAX_ITERATIONS + ", not " + iterations);
        }
        this.iterations = iterations;
    }

    /** The stored form of {@code pin}, with a fresh salt: the same PIN twice gives two strings. */
    public String hash(String pin) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(pin, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * True if {@code pin} is the PIN {@code stored} was made from. Compares in constant time; a
     * {@code null} or malformed {@code stored} (or PIN) is simply false.
     */
    public boolean verify(String pin, String stored) {
        if (pin == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int n = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (n < 1 || n > MAX_ITERATIONS || salt.length == 0 || expected.length != HASH_BYTES) {
                return false;
            }
            return MessageDigest.isEqual(derive(pin, salt, n), expected);
        } catch (IllegalArgumentException e) { // a bad number or bad base64
            return false;
        }
    }

    /**
     * Whether {@code stored} is a hash {@link #verify} can check: the scheme, an iteration count
     * between {@link #MIN_ITERATIONS} and {@link #MAX_ITERATIONS}, a salt and a 32-byte hash in
     * standard base64. The central platform's roster is checked with it before it replaces ours.
     */
    public static boolean wellFormed(String stored) {
        if (stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("[0-9]{1,7}")) {
            return false;
        }
        try {
            int n = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            return n >= MIN_ITERATIONS && n <= MAX_ITERATIONS && salt.length >= 8 && hash.length == HASH_BYTES;
        } catch (IllegalArgumentException e) { // bad base64
            return false;
        }
    }

    /** How many PBKDF2 derivations this hasher ran: lets a test see that a refusal cost one too. */
    long derivations() {
        return derivations.get();
    }

    private byte[] derive(String pin, byte[] salt, int n) {
        derivations.incrementAndGet();
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, n, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * Why {@code pin} may not be chosen as a PIN, or empty if it may: six to eight ASCII digits,
     * not one digit repeated, not a straight run up or down (123456, 654321, also 890123).
     */
    public static Optional<String> problem(String pin) {
        if (pin == null || !pin.matches("[0-9]{6,8}")) {
            return Optional.of("A PIN must be 6 to 8 digits (0-9).");
        }
        if (pin.chars().distinct().count() == 1) {
            return Optional.of("A PIN must not be one digit repeated.");
        }
        if (isRun(pin, 1) || isRun(pin, 9)) {
            return Optional.of("A PIN must not be a run of consecutive digits like 123456 or 654321.");
        }
        return Optional.empty();
    }

    /** Every digit is the one before plus {@code step}, modulo 10 (step 9 is a run downwards). */
    private static boolean isRun(String pin, int step) {
        for (int i = 1; i < pin.length(); i++) {
            if ((pin.charAt(i - 1) - '0' + step) % 10 != pin.charAt(i) - '0') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "PinHasher[" + SCHEME + ", " + iterations + " iterations]";
    }
}
