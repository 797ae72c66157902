package org.jinban.kiosk.staff;

import java.time.Instant;

import org.jinban.kiosk.privacy.Masking;

/**
 * A row of the staff table with its name decrypted.
 *
 * @param failedLogins wrong PINs since the last success or lock
 * @param lockedUntil  when the badge may log in again; {@code null} if it was never locked
 */
public record StoredStaff(String id, String name, String pinHash, boolean active, int failedLogins,
                          Instant lockedUntil) {
    public StaffMember member() {
        return new StaffMember(id, name);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Without the name in clear and without the PIN hash: a record may end up in a log. */
    @Override
    public String toString() {
        return "StoredStaff[id=" + id + ", name=" + Masking.name(name) + ", active=" + active
                + ", failedLogins=" + failedLogins + ", lockedUntil=" + lockedUntil + "]";
    }
}
