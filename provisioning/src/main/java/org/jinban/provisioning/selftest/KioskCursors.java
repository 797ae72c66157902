package org.jinban.provisioning.selftest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jinban.sync.protocol.Streams;

/**
 * The sync cursors the kiosk holds (its {@code sync_cursor} table), read-only, for the hub
 * check's hello: the hub takes a hello's cursors as what the kiosk applied.
 */
final class KioskCursors {
    static final String DATABASE = "jinban.db";

    private KioskCursors() {
    }

    /**
     * The cursor of every stream; all 0 for a kiosk that has no database yet (it applied nothing).
     *
     * @throws SQLException when the database is there but cannot be read: then no cursors are
     *                      made up, the check does not say hello
     */
    static Map<String, Long> read(Path dataDir) throws SQLException {
        Map<String, Long> cursors = new LinkedHashMap<>();
        Streams.ALL.forEach(s -> cursors.put(s, 0L));
        Path db = dataDir.resolve(DATABASE);
        if (!Files.exists(db)) {
            return cursors;
        }
        if (!Files.isReadable(db)) {
            throw new SQLException("cannot read " + db + " (run with sudo)");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro")) {
            if (!hasTable(c)) {
                return cursors;
            }
            try (PreparedStatement st = c.prepareStatement("SELECT stream, seq FROM sync_cursor");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (cursors.containsKey(rs.getString(1))) {
                        cursors.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        return cursors;
    }

    private static boolean hasTable(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_cursor'");
             ResultSet rs = st.executeQuery()) {
            return rs.next();
        }
    }
}
