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
        return add(c, UUID.randomUUID().toString(), kind, aggregateId, payload, personalEnc, at);
    }

    /**
     * Adds a message under an id the caller made: its personal part is encrypted with the
     * message id as associated data, so the id has to exist before the row does.
     */
    public String add(Connection c, String id, String kind, String aggregateId, String payload, byte[] personalEnc,
                      Instant at) throws SQLException {
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
