package org.jinban.kiosk.appeal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.audit.AuditLog;
import org.jinban.kiosk.audit.AuditRecord;
import org.jinban.kiosk.outbox.Outbox;
import org.jinban.kiosk.privacy.PersonalDataCipher;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL of appeals. Every change is one transaction that also writes the outbox message for
 * the central platform and the audit record, committed with {@code synchronous=FULL} before
 * the caller tells anyone it is saved. Personal fields are encrypted here, on the way in, with
 * the row and field as associated data, so a ciphertext moved to another row does not decrypt.
 */
public final class AppealStore {
    private static final String COLUMNS = "id, tracking_no, verifier_hash, category_code, description_enc,"
            + " place_enc, name_enc, phone_enc, id_hmac, grid_code, status, handling_level, department, filed_at,"
            + " due_at, proxy_staff_id, receipt_state, receipt_reason, acknowledged_at, purged_at, lang, verifier_enc";

    private static final Logger LOG = LoggerFactory.getLogger(AppealStore.class);

    private final Database db;
    private final PersonalDataCipher cipher;
    private final AuditLog audit;
    private final Outbox outbox;
    private final ObjectMapper json;

    public AppealStore(Database db, PersonalDataCipher cipher, AuditLog audit, Outbox outbox, ObjectMapper json) {
        this.db = db;
        this.cipher = cipher;
        this.audit = audit;
        this.outbox = outbox;
        this.json = json;
    }

    /** What to write for a new appeal; the tracking number is made inside the transaction. */
    public record Filing(NewAppeal appeal, String gridCode, String day, String verifier, String verifierHash,
                         Instant at, Instant dueAt) {
    }

    /**
     * Saves a new appeal with its first timeline entry, its outbox message and its audit record.
     * An appeal with the same id is returned as it is instead (the page retried).
     *
     * @return the saved appeal, and whether this call created it
     */
    public Saved file(Filing f, TrackingNumbers numbers) {
        NewAppeal a = f.appeal();
        return write(c -> {
            Optional<StoredAppeal> existing = find(c, "id = ?", a.id());
            if (existing.isPresent()) {
                return new Saved(existing.get(), false);
            }
            String trackingNo = numbers.format(f.day(), nextSequence(c, f.day()));
            try (PreparedStatement st = c.prepareStatement("INSERT INTO appeal (id, tracking_no, verifier_hash,"
                    + " category_code, description_enc, place_enc, name_enc, phone_enc, id_hmac, grid_code, status,"
                    + " filed_at, due_at, proxy_staff_id, receipt_state, lang, verifier_enc)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?, ?, ?, 'PRINTING', ?, ?)")) {
                st.setString(1, a.id());
                st.setString(2, trackingNo);
                st.setString(3, f.verifierHash());
                st.setString(4, a.matter().code());
                st.setBytes(5, seal(a.id(), "description", a.description()));
                st.setBytes(6, seal(a.id(), "place", a.place()));
                st.setBytes(7, seal(a.id(), "name", a.holder() == null ? null : a.holder().name()));
                st.setBytes(8, seal(a.id(), "phone", a.phone()));
                st.setString(9, a.holder() == null ? null : a.holder().idHmac());
                st.setString(10, f.gridCode());
                st.setString(11, f.at().toString());
                st.setString(12, f.dueAt().toString());
                st.setString(13, a.proxyStaffId());
                st.setString(14, a.lang());
                st.setBytes(15, seal(a.id(), "verifier", f.verifier()));
                st.executeUpdate();
            }
            addEvent(c, a.id(), new StoredAppeal.Event(AppealStatus.SUBMITTED, f.at(), null, null, null, null));

            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", a.id());
            payload.put("trackingNo", trackingNo);
            payload.put("category", a.matter().code());
            payload.put("gridCode", f.gridCode());
            payload.put("filedAt", f.at().toString());
            payload.put("dueAt", f.dueAt().toString());
            payload.put("verifierHash", f.verifierHash());
            payload.put("identified", a.holder() != null);
            payload.put("proxyStaffId", a.proxyStaffId());
            payload.put("lang", a.lang());
            Map<String, Object> personal = new LinkedHashMap<>();
            personal.put("description", a.description());
            personal.put("place", a.place());
            personal.put("name", a.holder() == null ? null : a.holder().name());
            personal.put("phone", a.phone());
            personal.put("idHmac", a.holder() == null ? null : a.holder().idHmac());
            sendUp(c, "appeal.filed", a.id(), payload, personal, f.at());

            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("category", a.matter().code());
            detail.put("identified", a.holder() != null);
            audited(c, a.proxyStaffId() == null ? "resident" : "staff:" + a.proxyStaffId(),
                    a.proxyStaffId() == null ? "appeal.filed" : "appeal.proxy-filed", trackingNo, detail, f.at());
            return new Saved(find(c, "id = ?", a.id()).orElseThrow(), true);
        });
    }

    public record Saved(StoredAppeal appeal, boolean created) {
    }

    public Optional<StoredAppeal> byTrackingNo(String trackingNo) {
        return read(c -> find(c, "tracking_no = ?", trackingNo));
    }

    public Optional<StoredAppeal> byId(String id) {
        return read(c -> find(c, "id = ?", id));
    }

    /** The appeals filed in the name of the card whose ID number has this keyed hash, newest first. */
    public List<StoredAppeal> byIdHmac(String idHmac, int limit) {
        return read(c -> findAll(c, "id_hmac = ? ORDER BY filed_at DESC, tracking_no DESC LIMIT " + limit, idHmac));
    }

    /** What the staff screen lists. */
    public enum StaffFilter { UNACKNOWLEDGED, OPEN, OVERDUE, OWED, ALL }

    public List<StoredAppeal> list(StaffFilter filter, Instant now, int limit) {
        String finished = "status IN ('RESOLVED','CLOSED','REJECTED')";
        String where = switch (filter) {
            case UNACKNOWLEDGED -> "acknowledged_at IS NULL";
            case OPEN -> "NOT " + finished;
            case OVERDUE -> "NOT " + finished + " AND due_at <= ?";
            case OWED -> "receipt_state = 'OWED'";
            case ALL -> "1 = 1";
        };
        String sql = where + " ORDER BY filed_at DESC, tracking_no DESC LIMIT " + limit;
        return read(c -> filter == StaffFilter.OVERDUE ? findAll(c, sql, now.toString()) : findAll(c, sql));
    }

    /**
     * Records how printing the receipt went. The commit does not wait for the disk: if a power
     * cut loses it, the receipt reads PRINTING at the next start and becomes owed, so staff print
     * one more rather than one less.
     */
    public void receipt(String appealId, StoredAppeal.ReceiptState state, String reason) {
        db.inRelaxedTransaction("record a receipt's printing", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE appeal SET receipt_state = ?, receipt_reason = ? WHERE id = ?")) {
                st.setString(1, state.name());
                st.setString(2, reason);
                st.setString(3, appealId);
                st.executeUpdate();
            }
            return null;
        });
    }

    /** After a power cut mid-print nobody knows whether the receipt came out: staff owe one. */
    public int owePrinting() {
        return write(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("UPDATE appeal SET receipt_state = 'OWED', receipt_reason ="
                        + " 'the kiosk stopped while printing' WHERE receipt_state = 'PRINTING'");
            }
        });
    }

    /** A status change from the central platform: timeline, current status, and the acknowledgement. */
    public StoredAppeal changeStatus(String appealId, StoredAppeal.Event event, String actor) {
        return changeStatus(appealId, event, actor, c -> null);
    }

    /**
     * As {@link #changeStatus(String, StoredAppeal.Event, String)}, with {@code alongside} run in
     * the same transaction: the sync stores its stream cursor there, so a change and the cursor
     * that says it was applied are saved together or not at all.
     */
    public StoredAppeal changeStatus(String appealId, StoredAppeal.Event event, String actor,
                                     Database.Work<?> alongside) {
        return write(c -> {
            StoredAppeal before = find(c, "id = ?", appealId).orElseThrow();
            try (PreparedStatement st = c.prepareStatement("UPDATE appeal SET status = ?,"
                    + " handling_level = coalesce(?, handling_level), department = coalesce(?, department),"
                    + " acknowledged_at = coalesce(acknowledged_at, ?) WHERE id = ?")) {
                st.setString(1, event.status().name());
                st.setString(2, event.handlingLevel());
                st.setString(3, event.department());
                st.setString(4, event.status() == AppealStatus.SUBMITTED ? null : event.at().toString());
                st.setString(5, appealId);
                st.executeUpdate();
            }
            addEvent(c, appealId, event);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("from", before.status().name());
            detail.put("to", event.status().name());
            audited(c, actor, "appeal.status", before.trackingNo(), detail, event.at());
            alongside.run(c);
            return find(c, "id = ?", appealId).orElseThrow();
        });
    }

    /**
     * Saves a rating and closes the appeal, in one transaction with its outbox message (a poor
     * rating asks the central platform for a call-back) and audit record.
     *
     * @return false if the appeal was rated or changed meanwhile (nothing written)
     */
    public boolean rate(StoredAppeal appeal, StoredAppeal.Rating rating, Instant followUpBy, String actor) {
        return write(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE appeal SET status = 'CLOSED'"
                    + " WHERE id = ? AND status = 'RESOLVED' AND NOT EXISTS"
                    + " (SELECT 1 FROM appeal_rating r WHERE r.appeal_id = appeal.id)")) {
                st.setString(1, appeal.id());
                if (st.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO appeal_rating (appeal_id, level,"
                    + " reason_enc, follow_up, rated_at) VALUES (?, ?, ?, ?, ?)")) {
                st.setString(1, appeal.id());
                st.setString(2, rating.level().name());
                st.setBytes(3, seal(appeal.id(), "rating-reason", rating.reason()));
                st.setInt(4, rating.followUp() ? 1 : 0);
                st.setString(5, rating.ratedAt().toString());
                st.executeUpdate();
            }
            addEvent(c, appeal.id(), new StoredAppeal.Event(AppealStatus.CLOSED, rating.ratedAt(), null, null,
                    null, null));
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("appealId", appeal.id());
            payload.put("trackingNo", appeal.trackingNo());
            payload.put("level", rating.level().name());
            payload.put("followUp", rating.followUp());
            payload.put("followUpBy", followUpBy == null ? null : followUpBy.toString());
            payload.put("ratedAt", rating.ratedAt().toString());
            Map<String, Object> personal = new LinkedHashMap<>();
            personal.put("reason", rating.reason());
            sendUp(c, "appeal.rated", appeal.id(), payload, personal, rating.ratedAt());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("level", rating.level().name());
            detail.put("followUp", rating.followUp());
            audited(c, actor, "appeal.rated", appeal.trackingNo(), detail, rating.ratedAt());
            return true;
        });
    }

    /**
     * Removes the personal fields of appeals the central platform acknowledged before
     * {@code cutoff}, with the outbox copies, and checkpoints the WAL so the old pages (overwritten
     * with zeros by {@code secure_delete}) do not linger in the log either.
     *
     * @return how many appeals were purged
     */
    public int purge(Instant cutoff, Instant now) {
        int purged = write(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id FROM appeal WHERE purged_at IS NULL"
                    + " AND acknowledged_at IS NOT NULL AND acknowledged_at <= ?")) {
                st.setString(1, cutoff.toString());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            for (String id : ids) {
                try (PreparedStatement st = c.prepareStatement("UPDATE appeal SET description_enc = NULL,"
                        + " place_enc = NULL, name_enc = NULL, phone_enc = NULL, id_hmac = NULL, purged_at = ?"
                        + " WHERE id = ?")) {
                    st.setString(1, now.toString());
                    st.setString(2, id);
                    st.executeUpdate();
                }
                for (String sql : List.of("UPDATE appeal_rating SET reason_enc = NULL WHERE appeal_id = ?",
                        "UPDATE outbox SET personal_enc = NULL WHERE aggregate_id = ? AND state <> 'PENDING'")) {
                    try (PreparedStatement st = c.prepareStatement(sql)) {
                        st.setString(1, id);
                        st.executeUpdate();
                    }
                }
            }
            if (!ids.isEmpty()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("appeals", ids.size());
                audited(c, "kiosk", "personal-data.purged", null, detail, now);
            }
            return ids.size();
        });
        // the purged fields' former pages leave the WAL too (a checkpoint after a catalog version may hold it a moment)
        if (purged > 0 && !db.truncateWal(10, Duration.ofMillis(500))) {
            LOG.warn("purge: the WAL is still busy; the purged pages leave it at the next checkpoint");
        }
        return purged;
    }

    /** Appends an audit record for something a person did outside an appeal change (a login, a reprint). */
    public void audit(String actor, String action, String subject, Map<String, Object> detail, Instant at) {
        write(c -> {
            audited(c, actor, action, subject, detail, at);
            return null;
        });
    }

    /** As {@link #audit(String, String, String, Map, Instant)}, inside the caller's transaction. */
    public void audit(Connection c, String actor, String action, String subject, Map<String, Object> detail,
                      Instant at) throws SQLException {
        audited(c, actor, action, subject, detail, at);
    }

    private void audited(Connection c, String actor, String action, String subject, Map<String, Object> detail,
                         Instant at) throws SQLException {
        AuditRecord record = audit.append(c, actor, action, subject, toJson(detail));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("seq", record.seq());
        payload.put("at", record.at());
        payload.put("actor", record.actor());
        payload.put("action", record.action());
        payload.put("subject", record.subject());
        payload.put("detail", record.detail());
        payload.put("prevHash", record.prevHash());
        payload.put("hash", record.hash());
        outbox.add(c, "audit.appended", "audit-" + record.seq(), toJson(payload), null, at);
    }

    private void sendUp(Connection c, String kind, String aggregateId, Map<String, Object> payload,
                        Map<String, Object> personal, Instant at) throws SQLException {
        String messageId = UUID.randomUUID().toString();
        outbox.add(c, messageId, kind, aggregateId, toJson(payload), cipher.encrypt(toJson(personal),
                "outbox/" + messageId), at);
    }

    /**
     * Numbers of {@code at}'s day go on past it from now on (never back: a sequence already
     * higher stays). A kiosk reset and enrolled again learns its last number from the centre.
     */
    public void continueNumberingAfter(TrackingNumbers.Position at) {
        write(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO tracking_sequence (day, last) VALUES (?, ?)"
                    + " ON CONFLICT (day) DO UPDATE SET last = max(last, excluded.last)")) {
                st.setString(1, at.day());
                st.setInt(2, at.sequence());
                st.executeUpdate();
            }
            return null;
        });
    }

    private int nextSequence(Connection c, String day) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO tracking_sequence (day, last) VALUES (?, 1)"
                + " ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last")) {
            st.setString(1, day);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void addEvent(Connection c, String appealId, StoredAppeal.Event e) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO appeal_event (appeal_id, seq, status, at,"
                + " handling_level, department, reason, reply) VALUES (?, (SELECT coalesce(max(seq), 0) + 1"
                + " FROM appeal_event WHERE appeal_id = ?), ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, appealId);
            st.setString(2, appealId);
            st.setString(3, e.status().name());
            st.setString(4, e.at().toString());
            st.setString(5, e.handlingLevel());
            st.setString(6, e.department());
            st.setString(7, e.reason());
            st.setString(8, e.reply());
            st.executeUpdate();
        }
    }

    private Optional<StoredAppeal> find(Connection c, String where, String... args) throws SQLException {
        List<StoredAppeal> all = findAll(c, where, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    private List<StoredAppeal> findAll(Connection c, String where, String... args) throws SQLException {
        List<StoredAppeal> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM appeal WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(row(c, rs));
                }
            }
        }
        return out;
    }

    private StoredAppeal row(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new StoredAppeal(id, rs.getString("tracking_no"), rs.getString("verifier_hash"),
                open(id, "verifier", rs.getBytes("verifier_enc")),
                rs.getString("category_code"),
                open(id, "description", rs.getBytes("description_enc")),
                open(id, "place", rs.getBytes("place_enc")),
                open(id, "name", rs.getBytes("name_enc")),
                open(id, "phone", rs.getBytes("phone_enc")),
                rs.getString("id_hmac"),
                rs.getString("grid_code"),
                AppealStatus.valueOf(rs.getString("status")),
                rs.getString("handling_level"), rs.getString("department"),
                Instant.parse(rs.getString("filed_at")), Instant.parse(rs.getString("due_at")),
                rs.getString("proxy_staff_id"),
                StoredAppeal.ReceiptState.valueOf(rs.getString("receipt_state")), rs.getString("receipt_reason"),
                instant(rs.getString("acknowledged_at")), instant(rs.getString("purged_at")),
                rs.getString("lang"), timeline(c, id), rating(c, id));
    }

    private List<StoredAppeal.Event> timeline(Connection c, String id) throws SQLException {
        List<StoredAppeal.Event> events = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT status, at, handling_level, department, reason,"
                + " reply FROM appeal_event WHERE appeal_id = ? ORDER BY seq")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredAppeal.Event(AppealStatus.valueOf(rs.getString(1)),
                            Instant.parse(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
        }
        return events;
    }

    private StoredAppeal.Rating rating(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT level, reason_enc, follow_up, rated_at FROM appeal_rating WHERE appeal_id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new StoredAppeal.Rating(RatingLevel.valueOf(rs.getString(1)),
                        open(id, "rating-reason", rs.getBytes(2)), rs.getInt(3) == 1, Instant.parse(rs.getString(4)));
            }
        }
    }

    private byte[] seal(String appealId, String field, String value) {
        return value == null ? null : cipher.encrypt(value, "appeal/" + appealId + "/" + field);
    }

    private String open(String appealId, String field, byte[] value) {
        return value == null ? null : cipher.decrypt(value, "appeal/" + appealId + "/" + field);
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON of a plain map", e);
        }
    }

    private <T> T write(Database.Work<T> work) {
        return db.inTransaction("write an appeal", work);
    }

    private <T> T read(Database.Work<T> work) {
        return db.read("read appeals", work);
    }
}
