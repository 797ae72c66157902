package org.jinban.kiosk.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jinban.kiosk.privacy.PersonalDataCipher;
import org.jinban.kiosk.store.Database;

/**
 * The sending side of the outbox: what is still to go to the central platform, in the order it
 * was written, and what the platform answered. An acknowledged {@code appeal.filed} message is
 * the platform's receipt of the appeal: from then on the appeal's retention window runs.
 */
public final class OutboxQueue {
    /** Ids per statement, well under SQLite's limit on bound parameters (32,766) and above a frame's. */
    private static final int ACK_CHUNK = 1_000;

    private final Database db;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    public OutboxQueue(Database db, PersonalDataCipher cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Up to {@code max} pending messages, oldest first. */
    public List<OutboxMessage> nextBatch(int max) {
        return db.read("read the outbox", c -> {
            List<OutboxMessage> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT seq, id, kind, aggregate_id, created_at, payload,"
                    + " personal_enc FROM outbox WHERE state = 'PENDING' ORDER BY seq LIMIT ?")) {
                st.setInt(1, max);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(2);
                        byte[] personal = rs.getBytes(7);
                        out.add(new OutboxMessage(rs.getLong(1), id, rs.getString(3), rs.getString(4),
                                Instant.parse(rs.getString(5)), rs.getString(6),
                                personal == null ? null : cipher.decrypt(personal, "outbox/" + id)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The platform stored these durably: they are done, and filed appeals are acknowledged.
     *
     * <p>Committed without waiting for the disk ({@link Database#inRelaxedTransaction}): a mark
     * lost in a power cut leaves the message pending, so it is sent again and the platform, which
     * stores by id, acks it again; the appeal's retention window starts at that second ack. The
     * fsync saved is one of the two per batch a draining kiosk would otherwise wait for.
     */
    public void acked(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        String now = clock.instant().toString();
        List<String> all = List.copyOf(ids);
        db.inRelaxedTransaction("mark outbox messages acknowledged", c -> {
            // one statement of each per ack frame: a frame acks at most a few hundred records
            for (int from = 0; from < all.size(); from += ACK_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + ACK_CHUNK));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement st = c.prepareStatement("UPDATE appeal SET acknowledged_at ="
                        + " coalesce(acknowledged_at, ?) WHERE id IN (SELECT aggregate_id FROM outbox"
                        + " WHERE kind = 'appeal.filed' AND id IN (" + marks + "))")) {
                    st.setString(1, now);
                    for (int i = 0; i < chunk.size(); i++) {
                        st.setString(i + 2, chunk.get(i));
                    }
                    st.executeUpdate();
                }
                try (PreparedStatement st = c.prepareStatement("UPDATE outbox SET state = 'ACKED',"
                        + " attempts = attempts + 1 WHERE state = 'PENDING' AND id IN (" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        st.setString(i + 1, chunk.get(i));
                    }
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The platform refuses this message for good: it is set aside with the reason, never sent again. */
    public void rejected(String id, String reason) {
        db.inTransaction("mark an outbox message failed", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE outbox SET state = 'FAILED', last_error = ?,"
                    + " attempts = attempts + 1 WHERE id = ? AND state = 'PENDING'")) {
                st.setString(1, reason == null ? "refused" : reason.substring(0, Math.min(reason.length(), 500)));
                st.setString(2, id);
                st.executeUpdate();
            }
            return null;
        });
    }

    public long pendingCount() {
        return db.read("count the outbox", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM outbox WHERE state = 'PENDING'");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public Optional<Instant> oldestPending() {
        return db.read("read the outbox's oldest message", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT created_at FROM outbox WHERE state = 'PENDING' ORDER BY seq LIMIT 1");
                 ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(Instant.parse(rs.getString(1))) : Optional.empty();
            }
        });
    }
}
