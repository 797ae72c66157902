package org.jinban.kiosk.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's 32-byte secret, from which the keys that protect personal data at rest are
 * derived: lose it and the kiosk's encrypted names and phone numbers are gone; leak it and a
 * copy of the database opens. So it lives in its own file, readable by the kiosk's user only,
 * as one line of base64.
 *
 * <p>Each use gets its own key, HMAC-SHA256(secret, label), so that the AES key and the ID-number
 * HMAC key are never the same bytes. The secret itself is not kept once the keys are derived.
 */
public final class KioskSecret {
    private static final Logger LOG = LoggerFactory.getLogger(KioskSecret.class);
    static final int BYTES = 32;
    static final String CIPHER_LABEL = "jinban/aes-gcm/v1";
    static final String ID_NUMBER_LABEL = "jinban/id-hmac/v1";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ANY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final PersonalDataCipher cipher;
    private final IdNumberHasher idNumbers;

    private KioskSecret(byte[] secret) {
        this.cipher = new PersonalDataCipher(derive(secret, CIPHER_LABEL));
        this.idNumbers = new IdNumberHasher(derive(secret, ID_NUMBER_LABEL));
    }

    /** A secret from bytes at hand, for tests of this package. */
    static KioskSecret of(byte[] secret) {
        if (secret.length != BYTES) {
            throw new IllegalArgumentException("a kiosk secret is " + BYTES + " bytes, not " + secret.length);
        }
        return new KioskSecret(secret);
    }

    /**
     * Reads the secret from {@code file}, or makes a new one there if the file does not exist.
     * A new secret is written to a temporary owner-only file first and then published in one
     * step, so that a power cut never leaves half a secret behind.
     *
     * @throws PrivacyException if the file is malformed or cannot be read or written
     */
    public static KioskSecret loadOrCreate(Path file) {
        Path target = file.toAbsolutePath();
        try {
            return Files.exists(target) ? load(target) : create(target);
        } catch (IOException e) {
            throw new PrivacyException("cannot read or create the kiosk secret file " + target, e);
        }
    }

    public PersonalDataCipher cipher() {
        return cipher;
    }

    public IdNumberHasher idNumbers() {
        return idNumbers;
    }

    private static KioskSecret load(Path file) throws IOException {
        tighten(file);
        // Decoded by hand, not as a charset: a decoder's error would quote the offending bytes.
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).strip();
        if (text.isEmpty()) {
            throw malformed(file, "it is empty");
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw malformed(file, "it has more than one line");
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) { // its message quotes a character of the secret
            throw malformed(file, "it is not base64 text");
        }
        if (secret.length != BYTES) {
            throw malformed(file, "it holds " + secret.length + " bytes, not " + BYTES);
        }
        return new KioskSecret(secret);
    }

    private static PrivacyException malformed(Path file, String what) {
        return new PrivacyException("the kiosk secret file " + file + " is malformed: " + what
                + " (expected one line of base64 holding " + BYTES + " bytes)");
    }

    /** Takes group and other users' permissions away from a secret file that has them. */
    private static void tighten(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: the operator keeps the file private
        }
        try {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            if (OWNER_ANY.containsAll(perms)) {
                return;
            }
            Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
            owner.addAll(perms);
            owner.retainAll(OWNER_ANY);
            view.setPermissions(owner);
            LOG.warn("The kiosk secret file {} was open to other users ({}); it is now {}. Whoever read it"
                    + " can decrypt this kiosk's personal data.", file, PosixFilePermissions.toString(perms),
                    PosixFilePermissions.toString(owner));
        } catch (IOException e) {
            LOG.warn("The kiosk secret file {} may be open to other users and its permissions cannot be checked"
                    + " or changed: {}", file, e.toString());
        }
    }

    private static KioskSecret create(Path file) throws IOException {
        Path dir = file.getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        Path tmp = posix
                ? Files.createTempFile(dir, ".kiosk-secret-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(dir, ".kiosk-secret-", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap((Base64.getEncoder().encodeToString(secret) + "\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            if (!publish(tmp, file)) {
                LOG.info("Another process created the kiosk secret file {} first; using that one", file);
                return load(file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
        LOG.info("Created a new kiosk secret in {}", file);
        return new KioskSecret(secret);
    }

    /**
     * Puts the written secret in place; false if a secret appeared there meanwhile. A hard link
     * is atomic and, unlike a rename, never replaces a file that exists: a secret another
     * process already encrypts with must not be overwritten. Where links are not supported,
     * an atomic move.
     */
    private static boolean publish(Path tmp, Path file) throws IOException {
        try {
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("No hard link for the kiosk secret in {} ({}); moving it into place", file.getParent(), e.toString());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    /** Makes the new directory entry survive a power cut; not every system can sync a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot sync the directory {} after creating the kiosk secret: {}", dir, e.toString());
        }
    }

    /** HMAC-SHA256(secret, label): one key per use, none equal to the secret or to another. */
    static byte[] derive(byte[] secret, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new PrivacyException("HMAC-SHA256 is not available to derive the kiosk's keys", e);
        }
    }

    @Override
    public String toString() {
        return "KioskSecret[hidden]";
    }
}
