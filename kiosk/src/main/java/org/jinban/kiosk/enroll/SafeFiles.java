package org.jinban.kiosk.enroll;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that must never be half-written after a power cut: each is written to a temporary file
 * in the same directory with its final mode from the start (a secret is never readable by
 * others, not even for a moment), flushed to the device, given its owner, then renamed over the
 * target in one step, and the directory flushed so that the rename itself survives.
 */
public final class SafeFiles {
    public interface Ownership {
        void apply(Path file) throws IOException;
    }

    private SafeFiles() {
    }

    /** Makes {@code dir} (mode {@code perms}) if missing, and sets its mode and owner either way. */
    public static void directory(Path dir, String perms, Ownership owner) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms)));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(perms)); // umask and older modes
        owner.apply(dir);
    }

    /** Writes {@code content} to {@code file} atomically with mode {@code perms}, replacing it. */
    public static void replace(Path file, byte[] content, String perms, Ownership owner) throws IOException {
        Path temp = written(file, content, perms, owner);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(file.getParent());
    }

    /**
     * Writes {@code content} to {@code file} atomically unless it exists already; false if it did.
     * A hard link publishes the file in one step and, unlike a rename, never replaces one.
     */
    public static boolean createIfAbsent(Path file, byte[] content, String perms, Ownership owner) throws IOException {
        Path temp = written(file, content, perms, owner);
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(file.getParent());
        return true;
    }

    private static Path written(Path file, byte[] content, String perms, Ownership owner) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + "-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms)));
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(perms)); // wider than the umask allows
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            owner.apply(temp);
            return temp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Makes a new directory entry durable; not every file system can sync a directory. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the rename happened; only its durability across a power cut is up to the file system
        }
    }
}
