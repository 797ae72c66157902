package org.jinban.kiosk.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import org.jinban.kiosk.store.StoreException;

/**
 * The append-only, hash-chained audit log of what staff, technicians and the central platform
 * did at the kiosk (帮办代办 above all). A record's hash covers the previous record's hash, so
 * editing or removing a record breaks every link after it, and {@link #verify} finds the first.
 *
 * <p>The hash is SHA-256 over the fields {@code prev_hash, seq, at, actor, action, subject,
 * detail} in that order, each as UTF-8 preceded by its byte length as a 4-byte big-endian
 * integer ({@code seq} as decimal text, a {@code null} subject as length -1 and no bytes).
 * The lengths stop a byte from moving from one field into the next with the same hash, e.g.
 * actor {@code staff:S1} action {@code 2x} against actor {@code staff:S12} action {@code x}.
 * The central platform recomputes the same hashes.
 *
 * <p>The chain cannot show a truncated tail: dropping the newest records leaves a shorter chain
 * that is still intact. That is caught upstream: every record also goes to the central platform
 * through the outbox, and the central platform compares the kiosk's {@link #head} with the
 * newest record it holds.
 */
public final class AuditLog {
    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);
    private static final String SELECT =
            "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_log";

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * Appends one record inside the caller's transaction, which the caller commits together
     * with the change it audits (or rolls back, and then neither happened).
     *
     * @param detailJson JSON, never personal data
     * @throws IllegalStateException if {@code c} is in auto-commit: the read of the last record
     *                               and the insert must be one transaction
     */
    public AuditRecord append(Connection c, String actor, String action, String subject, String detailJson) {
        requireText(actor, "actor");
        requireText(action, "action");
        Objects.requireNonNull(detailJson, "detailJson");
        try {
            if (c.getAutoCommit()) {
                throw new IllegalStateException("an audit record is appended inside the caller's transaction");
            }
            Optional<AuditRecord> last = head(c);
            long seq = last.map(r -> r.seq() + 1).orElse(1L);
            String prev = last.map(AuditRecord::hash).orElse(GENESIS);
            String at = clock.instant().toString();
            String hash = hash(prev, seq, at, actor, action, subject, detailJson);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log"
                    + " (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, seq);
                ps.setString(2, at);
                ps.setString(3, actor);
                ps.setString(4, action);
                ps.setString(5, subject);
                ps.setString(6, detailJson);
                ps.setString(7, prev);
                ps.setString(8, hash);
                ps.executeUpdate();
            }
            return new AuditRecord(seq, at, actor, action, subject, detailJson, prev, hash);
        } catch (SQLException e) {
            throw new StoreException("cannot append '" + action + "' to the audit log", e);
        }
    }

    /**
     * Walks the whole chain in seq order and reports the first record whose seq does not follow
     * the one before, whose previous hash is not the one before's hash, or whose own hash does
     * not match its fields.
     */
    public Verification verify(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            long records = 0;
            long brokenAt = -1;
            long expectedSeq = 1;
            String expectedPrev = GENESIS;
            while (rs.next()) {
                records++;
                if (brokenAt >= 0) {
                    continue; // only counting now
                }
                AuditRecord r = read(rs);
                if (r.seq() != expectedSeq || !r.prevHash().equals(expectedPrev) || !r.hash().equals(hashOf(r))) {
                    brokenAt = r.seq();
                }
                expectedSeq = r.seq() + 1;
                expectedPrev = r.hash();
            }
            return brokenAt < 0 ? Verification.intact(records) : Verification.broken(records, brokenAt);
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit log to verify it", e);
        }
    }

    /** The newest record, which the central platform compares with the newest it received. */
    public Optional<AuditRecord> head(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY seq DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read the newest audit record", e);
        }
    }

    private static AuditRecord read(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8));
    }

    private static String hashOf(AuditRecord r) {
        return hash(r.prevHash(), r.seq(), r.at(), r.actor(), r.action(), r.subject(), r.detail());
    }

    static String hash(String prevHash, long seq, String at, String actor, String action, String subject,
                       String detail) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (String field : new String[] {prevHash, Long.toString(seq), at, actor, action, subject, detail}) {
            if (field == null) {
                sha.update(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha.update(bytes);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an audit record needs a " + name);
        }
    }
}
