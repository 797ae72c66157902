package org.jinban.sync.hub;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The SQL of the downstream streams' items, inside a caller's transaction. A stream's last seq
 * is kept in {@code stream_head}, apart from its items, so that retention may delete every item
 * and the next one still follows the last one sent; a rebuild alone starts a stream over. An
 * item holds its body, or names one kept once for many kiosks in {@code stream_body} (V5).
 */
final class StreamItems {
    private StreamItems() {
    }

    /** Appends an item holding {@code body}; its seq is the stream's last + 1. */
    static long append(Connection c, String kioskId, String stream, String kind, String body, String now)
            throws SQLException {
        return append(c, kioskId, stream, kind, body, null, now);
    }

    /** Appends an item whose body is the shared one {@code bodyId} ({@link #keep}). */
    static long appendShared(Connection c, String kioskId, String stream, String kind, long bodyId, String now)
            throws SQLException {
        return append(c, kioskId, stream, kind, null, bodyId, now);
    }

    /** Keeps {@code body} once for the items of many kiosks to name; its id. */
    static long keep(Connection c, String body) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO stream_body (body) VALUES (?) RETURNING id")) {
            st.setString(1, body);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long append(Connection c, String kioskId, String stream, String kind, String body, Long bodyId,
                               String now) throws SQLException {
        long seq = lastSeq(c, kioskId, stream) + 1;
        try (PreparedStatement st = c.prepareStatement("INSERT INTO stream_item (kiosk_id, stream, seq, kind, body,"
                + " body_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, kioskId);
            st.setString(2, stream);
            st.setLong(3, seq);
            st.setString(4, kind);
            st.setString(5, body);
            st.setObject(6, bodyId);
            st.setString(7, now);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO stream_head (kiosk_id, stream, last_seq)"
                + " VALUES (?, ?, ?) ON CONFLICT (kiosk_id, stream) DO UPDATE SET last_seq = excluded.last_seq")) {
            st.setString(1, kioskId);
            st.setString(2, stream);
            st.setLong(3, seq);
            st.executeUpdate();
        }
        return seq;
    }

    /** The last seq appended to the stream (0: none since it began or was rebuilt). */
    static long lastSeq(Connection c, String kioskId, String stream) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT last_seq FROM stream_head WHERE kiosk_id = ? AND stream = ?")) {
            st.setString(1, kioskId);
            st.setString(2, stream);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The oldest seq still held, or last seq + 1 when retention deleted them all. */
    static long oldestHeld(Connection c, String kioskId, String stream) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT min(seq) FROM stream_item WHERE kiosk_id = ? AND stream = ?")) {
            st.setString(1, kioskId);
            st.setString(2, stream);
            try (ResultSet rs = st.executeQuery()) {
                long oldest = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() || oldest == 0 ? lastSeq(c, kioskId, stream) + 1 : oldest;
            }
        }
    }

    /** The kind of the item at {@code seq}, if it is still held. */
    static Optional<String> kindAt(Connection c, String kioskId, String stream, long seq) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT kind FROM stream_item WHERE kiosk_id = ? AND stream = ? AND seq = ?")) {
            st.setString(1, kioskId);
            st.setString(2, stream);
            st.setLong(3, seq);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether an item of one of {@code kinds} (two) follows {@code seq} in the stream. */
    static boolean followedBy(Connection c, String kioskId, String stream, long seq, String kind, String otherKind)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM stream_item"
                + " WHERE kiosk_id = ? AND stream = ? AND seq > ? AND kind IN (?, ?) LIMIT 1")) {
            st.setString(1, kioskId);
            st.setString(2, stream);
            st.setLong(3, seq);
            st.setString(4, kind);
            st.setString(5, otherKind);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Deletes the stream's items and its last seq: the next item is seq 1. */
    static void clear(Connection c, String kioskId, String stream) throws SQLException {
        for (String table : new String[] {"stream_item", "stream_head"}) {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM " + table + " WHERE kiosk_id = ? AND stream = ?")) {
                st.setString(1, kioskId);
                st.setString(2, stream);
                st.executeUpdate();
            }
        }
        deleteUnnamedBodies(c);
    }

    /** Deletes the shared bodies no item names any more; how many. */
    static int deleteUnnamedBodies(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM stream_body"
                + " WHERE NOT EXISTS (SELECT 1 FROM stream_item WHERE body_id = stream_body.id)")) {
            return st.executeUpdate();
        }
    }

    /**
     * Deletes every item created before {@code cutoff} (an ISO instant), applied or not. Instants
     * compare as text: one with a fraction of a second sorts before the same second without
     * one, so an item may go up to a second early, which a retention of days does not notice.
     */
    static int deleteCreatedBefore(Connection c, String cutoff) throws SQLException {
        int deleted;
        try (PreparedStatement st = c.prepareStatement("DELETE FROM stream_item WHERE created_at < ?")) {
            st.setString(1, cutoff);
            deleted = st.executeUpdate();
        }
        deleteUnnamedBodies(c);
        return deleted;
    }
}
