package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the archive whole or not at all: into a hidden temporary file beside it, flushed to
 * the disk, then renamed to its name; mode 0640 (it names the kiosk and its configuration,
 * even redacted it is not for everyone on the machine).
 */
final class ArchiveWriter {
    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r-----");

    private ArchiveWriter() {
    }

    /** Writes {@code entries} in their order to {@code dir/name}; returns the archive's path. */
    static Path write(Path dir, String name, Map<String, byte[]> entries, Instant at) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + ".part");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(MODE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        }
        try {
            restrict(temp);
            try (OutputStream file = Files.newOutputStream(temp, StandardOpenOption.WRITE);
                 ZipOutputStream zip = new ZipOutputStream(file)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setLastModifiedTime(FileTime.from(at));
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, MODE);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (a FAT USB stick): it has no modes to set
        }
    }
}
