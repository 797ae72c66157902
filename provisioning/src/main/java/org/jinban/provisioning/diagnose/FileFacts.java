package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * What {@code ls -l} says of one file, never its contents: type, mode, owner, group, size, and
 * where a link points. The mode is also given in octal, the way the documentation states them.
 */
record FileFacts(Path path, char type, Set<PosixFilePermission> permissions, String owner, String group, long size,
                 String linkTarget) {

    static FileFacts of(Path path) throws IOException {
        PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        char type = a.isSymbolicLink() ? 'l' : a.isDirectory() ? 'd' : a.isRegularFile() ? '-' : 'c';
        String target = a.isSymbolicLink() ? Files.readSymbolicLink(path).toString() : null;
        return new FileFacts(path, type, a.permissions(), a.owner().getName(), a.group().getName(), a.size(), target);
    }

    /** The permission bits as octal, e.g. {@code 0600}. */
    String octal() {
        int bits = 0;
        for (PosixFilePermission p : permissions) {
            bits |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", bits);
    }

    /** Anyone but the owner may read, write or enter it. */
    boolean openToOthers() {
        return permissions.stream().anyMatch(p -> p.ordinal() >= PosixFilePermission.GROUP_READ.ordinal());
    }

    String line() {
        return String.format("%s%s %s %-8s %-8s %10d %s%s", type, PosixFilePermissions.toString(permissions),
                octal(), owner, group, size, path, linkTarget == null ? "" : " -> " + linkTarget);
    }
}
