package org.jinban.sync.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.sync.protocol.CommandSignature;

/**
 * The hub's Ed25519 signing key for remote commands: made on first start at
 * {@code <data>/hub-signing.key} (PKCS#8, owner-only from the moment it exists), its public key
 * written beside it to {@code hub-public.key} (one line, base64 X.509) for scripts that hand it
 * to a kiosk. A key file that group or others may read is refused: a copy of it could sign
 * commands to every kiosk. Neither key is ever logged.
 */
public final class HubKey {
    public static final String PRIVATE_FILE = "hub-signing.key";
    public static final String PUBLIC_FILE = "hub-public.key";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private HubKey(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
    }

    /** The key in {@code dataDir}, made there first if it has none. */
    public static HubKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(PRIVATE_FILE);
        try {
            Files.createDirectories(dataDir);
            KeyPair pair = Files.exists(file) ? load(file) : create(file);
            HubKey key = new HubKey(pair);
            key.writePublic(dataDir.resolve(PUBLIC_FILE));
            return key;
        } catch (IOException e) {
            throw new HubException("cannot read or write the hub signing key " + file + ": " + e.getMessage(), e);
        }
    }

    /** Signs a command body (docs/sync-protocol.md, "Remote commands") in place. */
    public ObjectNode sign(ObjectNode command) {
        return command.put("signature", CommandSignature.sign(privateKey, command));
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as a kiosk takes it: base64 of its X.509 encoding. */
    public String publicKeyBase64() {
        return CommandSignature.encodePublicKey(publicKey);
    }

    @Override
    public String toString() {
        return "HubKey[public " + publicKeyBase64() + "]"; // never the private part
    }

    private static KeyPair create(Path file) throws IOException {
        KeyPair pair = CommandSignature.generateKeyPair();
        // Written owner-only from its creation and moved in whole: never readable by others, never half there.
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".hub-signing", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.write(temp, pair.getPrivate().getEncoded());
            try {
                Files.createLink(file, temp); // fails if another start made the key meanwhile
            } catch (UnsupportedOperationException e) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileAlreadyExistsException e) {
            return load(file);
        } finally {
            Files.deleteIfExists(temp);
        }
        return pair;
    }

    private static KeyPair load(Path file) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)
                || mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new HubException("the hub signing key " + file + " is readable or writable by group or others ("
                    + PosixFilePermissions.toString(mode) + "); it signs commands to every kiosk: check who copied it,"
                    + " then 'chmod 600 " + file + "' (or delete it to make a new key, which every kiosk must then be given)");
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance(CommandSignature.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
            return new KeyPair(publicOf(privateKey), privateKey);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new HubException("the hub signing key " + file + " is not an Ed25519 PKCS#8 key", e);
        }
    }

    /**
     * The public half of a stored private key. PKCS#8 as the JDK writes it holds only the
     * private seed, and the JDK has no call to derive the public point; its generator derives
     * it from the 32 seed bytes it draws, so a generator fed exactly the stored seed yields the
     * stored pair. The result is checked against the stored key before it is trusted.
     */
    private static PublicKey publicOf(PrivateKey privateKey) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key hides its bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(CommandSignature.ALGORITHM);
        generator.initialize(255, new SeedRandom(seed));
        KeyPair derived = generator.generateKeyPair();
        if (!java.util.Arrays.equals(derived.getPrivate().getEncoded(), privateKey.getEncoded())) {
            throw new GeneralSecurityException("cannot derive the public key");
        }
        return derived.getPublic();
    }

    private void writePublic(Path file) throws IOException {
        String line = publicKeyBase64() + "\n";
        if (Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).equals(line)) {
            return;
        }
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".hub-public", ".tmp");
        try {
            Files.writeString(temp, line, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Hands out one fixed seed: only for re-deriving a stored key pair. */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the key generator asked for " + bytes.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
