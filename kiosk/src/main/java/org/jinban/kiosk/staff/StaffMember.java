package org.jinban.kiosk.staff;

import org.jinban.kiosk.privacy.Masking;

/**
 * A staff member who logged in. The name is a person's name: it goes to the screen masked and
 * never into a log, so {@link #toString()} masks it too.
 */
public record StaffMember(String id, String name) {
    @Override
    public String toString() {
        return "StaffMember[id=" + id + ", name=" + Masking.name(name) + "]";
    }
}
