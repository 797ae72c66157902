package org.jinban.kiosk.staff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two staff badges for the demo and for trying the kiosk before the central platform has sent
 * its roster: <b>demo only</b>, the PINs are written here. The real roster comes from the
 * central platform (downstream sync) and replaces this.
 *
 * <ul>
 *   <li>{@code JBSTAFF:S001}, 王芳, PIN {@code 246810}</li>
 *   <li>{@code JBSTAFF:S002}, 李强, PIN {@code 135790}</li>
 * </ul>
 */
public final class DemoRoster {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRoster.class);

    private DemoRoster() {
    }

    /**
     * Adds the demo badges if the roster is empty and the central platform never sent one;
     * leaves any roster alone. A central roster, even an empty one, is never mixed with these.
     */
    public static void seedIfEmpty(StaffStore store, PinHasher hasher) {
        if (!store.isEmpty() || store.centralRosterApplied()) {
            return;
        }
        store.upsert("S001", "王芳", hasher.hash("246810"), true);
        store.upsert("S002", "李强", hasher.hash("135790"), true);
        LOG.warn("The staff roster was empty: added the demo badges S001 and S002, whose PINs are public."
                + " A real kiosk takes its roster from the central platform.");
    }
}
