package org.jinban.provisioning.enroll;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.nio.file.Files;
import java.util.Optional;

import org.jinban.kiosk.enroll.Enrollment;

import org.jinban.provisioning.ProvisionException;
import org.jinban.provisioning.ProvisionMain;

/**
 * Who the files enrollment writes belong to. Run as root (as on a kiosk: {@code sudo
 * jinban-provision enroll}), the secrets go to the service user ({@code --owner}, default
 * {@code jinban}) and {@code enrollment.yaml} to root with that user's group; a service user that
 * does not exist is refused before the code is spent. Run as anyone else (a developer, the
 * tests), nothing can be given away: the files stay the caller's, and the command says so if
 * that is not the service user.
 */
public final class FileOwner implements Enrollment.Owners {
    private final UserPrincipal user;
    private final GroupPrincipal group;
    private final String note;

    private FileOwner(UserPrincipal user, GroupPrincipal group, String note) {
        this.user = user;
        this.group = group;
        this.note = note;
    }

    public static FileOwner resolve(String owner, FileSystem fs) {
        String me = System.getProperty("user.name");
        if (!isRoot()) {
            return new FileOwner(null, null, owner.equals(me) ? null
                    : "not running as root: the files belong to " + me + ", not to the service user " + owner
                    + "; run this as root on a kiosk");
        }
        UserPrincipal user;
        try {
            user = fs.getUserPrincipalLookupService().lookupPrincipalByName(owner);
        } catch (UserPrincipalNotFoundException e) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "there is no user '" + owner + "' on this system to own"
                    + " the kiosk's secrets: install the Jinban package first (it makes the service user jinban),"
                    + " or name another with --owner USER");
        } catch (IOException e) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "cannot look up the user '" + owner + "': " + e.getMessage());
        }
        GroupPrincipal group;
        try {
            group = fs.getUserPrincipalLookupService().lookupPrincipalByGroupName(owner);
        } catch (IOException e) {
            group = null; // no group of that name: enrollment.yaml keeps root's group
        }
        return new FileOwner(user, group, null);
    }

    /** What the technician should know about ownership, if anything. */
    public Optional<String> note() {
        return Optional.ofNullable(note);
    }

    /** Gives {@code file} to the service user and its group (a secret, its directory). */
    @Override
    public void secret(Path file) throws IOException {
        if (user != null) {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            view.setOwner(user);
            if (group != null) {
                view.setGroup(group);
            }
        }
    }

    /** Leaves {@code file} to root but lets the service user's group read it (enrollment.yaml). */
    @Override
    public void groupReadable(Path file) throws IOException {
        if (group != null) {
            Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(group);
        }
    }

    static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }
}
