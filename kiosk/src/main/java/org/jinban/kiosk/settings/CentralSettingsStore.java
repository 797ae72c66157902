package org.jinban.kiosk.settings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jinban.kiosk.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All SQL of the central platform's configuration values: kept in the database so they survive
 * a restart, replaced whole by each {@code config.snapshot}.
 */
public final class CentralSettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(CentralSettingsStore.class);

    private final Database db;

    public CentralSettingsStore(Database db) {
        this.db = db;
    }

    /** The central values held, by key. */
    public Map<String, String> load() {
        return db.read("read the central settings", c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT key, value FROM central_setting ORDER BY key")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    /** Replaces every central value with {@code values}, inside the caller's transaction. */
    public void replace(Connection c, Map<String, String> values) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM central_setting");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO central_setting (key, value) VALUES (?, ?)")) {
            for (Map.Entry<String, String> e : values.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.executeUpdate();
            }
        }
    }

    /**
     * Puts the held central values in force at start. Values that no longer fit the local
     * configuration (a technician changed it since) are all left out, never some of them: the
     * kiosk runs on its local configuration until the centre sends a snapshot that fits.
     */
    public void loadInto(EffectiveSettings settings) {
        Map<String, String> held = load();
        if (held.isEmpty()) {
            return;
        }
        try {
            settings.use(settings.check(held));
            LOG.info("settings: the central platform sets {}", held.keySet());
        } catch (EffectiveSettings.InvalidCentralValue e) {
            LOG.warn("settings: the central values held do not fit the local configuration ({}); using the local"
                    + " configuration until the centre sends new ones", e.getMessage());
        }
    }
}
