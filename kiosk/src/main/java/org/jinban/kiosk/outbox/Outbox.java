package org.jinban.kiosk.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * What the central platform must receive, written in the same transaction as the change it
 * reports (an appeal filed, a rating, an audit record), so that nothing a resident was told is
 * saved can be left out of the sync. The sync client reads it in {@code seq} order; personal
 * fields travel only in {@code personal_enc}, encrypted.
 */
public final class Outbox {
    /** Adds a message inside the caller's transaction and returns its id. */
    public String add(Connection c, String kind, String aggregateId, String payload, byte[] personalEnc, Instant at)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO outbox (id, kind, aggregate_id, payload,"
                + " personal_enc, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, id);
            st.setString(2, kind);
            st.setString(3, aggregateId);
            st.setString(4, payload);
            st.setBytes(5, personalEnc);
            st.setString(6, at.toString());
            st.executeUpdate();
        }
        return id;
    }
}
