package org.jinban.sync.protocol;

import java.util.List;

/** The five downstream streams and the item and record kinds of version 1. */
public final class Streams {
    public static final String APPEAL_STATUS = "appeal-status";
    public static final String CATALOG = "catalog";
    public static final String ROSTER = "roster";
    public static final String CONFIG = "config";
    public static final String COMMAND = "command";

    /** Every stream, in the order the hub delivers them after a welcome. */
    public static final List<String> ALL = List.of(APPEAL_STATUS, CATALOG, ROSTER, CONFIG, COMMAND);

    /** Item kinds of the downstream streams. */
    public static final String KIND_APPEAL_STATUS = "appeal.status";
    public static final String KIND_CATALOG_DELTA = "catalog.delta";
    public static final String KIND_CATALOG_SNAPSHOT = "catalog.snapshot";
    public static final String KIND_ROSTER_SNAPSHOT = "roster.snapshot";
    public static final String KIND_CONFIG_SNAPSHOT = "config.snapshot";
    public static final String KIND_COMMAND = "command";

    /** Record kinds of the upstream push. */
    public static final String RECORD_APPEAL_FILED = "appeal.filed";
    public static final String RECORD_APPEAL_RATED = "appeal.rated";
    public static final String RECORD_AUDIT_APPENDED = "audit.appended";
    public static final String RECORD_DEVICE_HEALTH = "device.health";
    public static final List<String> RECORD_KINDS =
            List.of(RECORD_APPEAL_FILED, RECORD_APPEAL_RATED, RECORD_AUDIT_APPENDED, RECORD_DEVICE_HEALTH);

    private Streams() {
    }

    public static boolean isStream(String name) {
        return ALL.contains(name);
    }
}
