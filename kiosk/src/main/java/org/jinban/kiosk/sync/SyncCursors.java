package org.jinban.kiosk.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jinban.kiosk.store.Database;

/**
 * The last downstream item applied, per stream (docs/sync-protocol.md). Written only inside the
 * transaction of the change it stands for, so after a power cut the cursor never claims a change
 * the database does not hold, nor misses one it does.
 */
public final class SyncCursors {
    private final Database db;

    public SyncCursors(Database db) {
        this.db = db;
    }

    public long cursor(String stream) {
        return db.read("read the sync cursor of " + stream, c -> cursor(c, stream));
    }

    static long cursor(Connection c, String stream) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT seq FROM sync_cursor WHERE stream = ?")) {
            st.setString(1, stream);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Moves the cursor inside the caller's transaction. */
    static void advance(Connection c, String stream, long seq) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO sync_cursor (stream, seq) VALUES (?, ?)"
                + " ON CONFLICT (stream) DO UPDATE SET seq = excluded.seq")) {
            st.setString(1, stream);
            st.setLong(2, seq);
            st.executeUpdate();
        }
    }

    /** Moves the cursor on its own: an item that could not be applied is passed over. */
    public void skip(String stream, long seq) {
        db.inTransaction("pass over sync item " + stream + "/" + seq, c -> {
            advance(c, stream, seq);
            return null;
        });
    }

    /** The hub no longer holds this stream's cursor: start it again from the first item. */
    public void reset(String stream) {
        db.inTransaction("reset the sync cursor of " + stream, c -> {
            advance(c, stream, 0);
            return null;
        });
    }
}
