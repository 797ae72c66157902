package org.jinban.sync.hub;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.sync.protocol.Ack;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.Push;
import org.jinban.sync.protocol.Streams;

/**
 * The SQL of the hub: kiosks and their credentials, records received (once each, by id),
 * appeals, the downstream items of every kiosk's streams and the cursors kiosks reported.
 * Every write a kiosk or an admin is told about is one committed transaction.
 */
public final class HubStore implements AutoCloseable {
    private final HubDatabase db;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    private HubStore(HubDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public static HubStore open(Path dataDir, Clock clock) {
        return new HubStore(HubDatabase.open(dataDir), clock);
    }

    /** A kiosk as the admin API lists it; {@code connected} is filled in by the server. */
    public record KioskRow(String kioskId, boolean revoked, Instant lastContactAt, Long queue,
                           Long oldestUnsentSeconds) {
    }

    public record AppealRow(String id, String trackingNo, String kioskId, String status, Instant receivedAt) {
    }

    /** A status change and where it went: the owning kiosk's appeal-status stream at {@code seq}. */
    public record StatusItem(String kioskId, long seq) {
    }

    /** The answer to a push, before it becomes an {@link Ack}. */
    public record Receipt(List<UUID> acked, List<Ack.Rejected> rejected) {
    }

    /**
     * Enrolls a kiosk and returns its credential, which is not kept and cannot be shown again.
     *
     * @return empty if the kiosk id is taken
     */
    public Optional<String> enroll(String kioskId) {
        String credential = Credentials.newCredential();
        return db.inTransaction("enroll a kiosk", c -> {
            if (exists(c, "SELECT 1 FROM kiosk WHERE id = ?", kioskId)) {
                return Optional.empty();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO kiosk (id, credential_hash, enrolled_at) VALUES (?, ?, ?)")) {
                st.setString(1, kioskId);
                st.setString(2, Credentials.hash(credential));
                st.setString(3, now());
                st.executeUpdate();
            }
            return Optional.of(credential);
        });
    }

    /** @return false if there is no such kiosk */
    public boolean revoke(String kioskId) {
        return db.inTransaction("revoke a kiosk", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE kiosk SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?")) {
                st.setString(1, now());
                st.setString(2, kioskId);
                return st.executeUpdate() == 1;
            }
        });
    }

    /** Whether {@code credential} is this enrolled, unrevoked kiosk's. */
    public boolean authenticate(String kioskId, String credential) {
        return db.read("check a credential", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT credential_hash FROM kiosk WHERE id = ? AND revoked_at IS NULL")) {
                st.setString(1, kioskId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() && Credentials.matches(credential, rs.getString(1));
                }
            }
        });
    }

    /** Notes that the kiosk was heard from, with its outbox figures when it sent them. */
    public void contact(String kioskId, Long queue, Long oldestUnsentSeconds) {
        db.inRelaxedTransaction("note a kiosk's contact", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE kiosk SET last_contact_at = ?,"
                    + " queue = coalesce(?, queue), oldest_unsent_seconds = coalesce(?, oldest_unsent_seconds) WHERE id = ?")) {
                st.setString(1, now());
                st.setObject(2, queue);
                st.setObject(3, oldestUnsentSeconds);
                st.setString(4, kioskId);
                st.executeUpdate();
            }
            return null;
        });
    }

    public List<KioskRow> kiosks() {
        return db.read("list kiosks", c -> {
            List<KioskRow> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, revoked_at, last_contact_at, queue,"
                    + " oldest_unsent_seconds FROM kiosk ORDER BY id");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new KioskRow(rs.getString(1), rs.getString(2) != null, instant(rs.getString(3)),
                            (Long) longOrNull(rs, 4), (Long) longOrNull(rs, 5)));
                }
            }
            return out;
        });
    }

    /**
     * Stores a pushed batch in one transaction, in order: a record already held is acked again
     * without being stored twice, an invalid one is rejected with its reason, the rest are kept.
     */
    public Receipt receive(String kioskId, List<Push.Record> records) {
        return db.inTransaction("store pushed records", c -> {
            List<UUID> acked = new ArrayList<>();
            List<Ack.Rejected> rejected = new ArrayList<>();
            for (Push.Record r : records) {
                if (exists(c, "SELECT 1 FROM received_record WHERE id = ?", r.id().toString())) {
                    acked.add(r.id());
                    continue;
                }
                Optional<String> problem = RecordValidator.problem(r).or(() -> conflict(c, kioskId, r));
                if (problem.isPresent()) {
                    rejected.add(new Ack.Rejected(r.id(), problem.get()));
                    continue;
                }
                insertRecord(c, kioskId, r);
                if (r.kind().equals(Streams.RECORD_APPEAL_FILED)) {
                    insertAppeal(c, kioskId, r);
                }
                acked.add(r.id());
            }
            return new Receipt(acked, rejected);
        });
    }

    /** What in the store's state makes a valid-looking record impossible to keep. */
    private Optional<String> conflict(Connection c, String kioskId, Push.Record r) {
        try {
            return switch (r.kind()) {
                case Streams.RECORD_APPEAL_FILED -> exists(c, "SELECT 1 FROM appeal WHERE tracking_no = ?",
                        r.payloadText("trackingNo"))
                        || exists(c, "SELECT 1 FROM appeal WHERE id = ?", r.payloadText("id"))
                        ? Optional.of("an appeal with this trackingNo or id is already held") : Optional.empty();
                case Streams.RECORD_APPEAL_RATED -> exists2(c, "SELECT 1 FROM appeal WHERE id = ? AND kiosk_id = ?",
                        r.payloadText("appealId"), kioskId)
                        ? Optional.empty() : Optional.of("no appeal " + r.payloadText("appealId") + " from this kiosk");
                default -> Optional.empty();
            };
        } catch (SQLException e) {
            throw new HubException("cannot check a pushed record: " + e.getMessage(), e);
        }
    }

    private void insertRecord(Connection c, String kioskId, Push.Record r) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO received_record (id, kiosk_id, kind, aggregate_id,"
                + " created_at, payload, personal, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, r.id().toString());
            st.setString(2, kioskId);
            st.setString(3, r.kind());
            st.setString(4, r.aggregateId());
            st.setString(5, r.createdAt().toString());
            st.setString(6, write(r.payload()));
            st.setString(7, r.personal() == null ? null : write(r.personal()));
            st.setString(8, now());
            st.executeUpdate();
        }
    }

    private void insertAppeal(Connection c, String kioskId, Push.Record r) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO appeal (id, tracking_no, kiosk_id, category, due_at,"
                + " status, received_at) VALUES (?, ?, ?, ?, ?, 'SUBMITTED', ?)")) {
            st.setString(1, r.payloadText("id"));
            st.setString(2, r.payloadText("trackingNo"));
            st.setString(3, kioskId);
            st.setString(4, r.payloadText("category"));
            st.setString(5, r.payloadText("dueAt"));
            st.setString(6, now());
            st.executeUpdate();
        }
    }

    public List<AppealRow> appeals() {
        return db.read("list appeals", c -> {
            List<AppealRow> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, tracking_no, kiosk_id, status, received_at"
                    + " FROM appeal ORDER BY received_at, tracking_no");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new AppealRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            instant(rs.getString(5))));
                }
            }
            return out;
        });
    }

    /** The status change the admin made. */
    public record StatusChange(String status, String handlingLevel, String department, String reason, String reply) {
    }

    /**
     * Sets an appeal's status and appends the {@code appeal.status} item for its kiosk, in one
     * transaction.
     *
     * @return empty if no appeal has this tracking number
     */
    public Optional<StatusItem> changeStatus(String trackingNo, StatusChange change) {
        return db.inTransaction("change an appeal's status", c -> {
            String id;
            String kioskId;
            String dueAt;
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, kiosk_id, due_at FROM appeal WHERE tracking_no = ?")) {
                st.setString(1, trackingNo);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getString(1);
                    kioskId = rs.getString(2);
                    dueAt = rs.getString(3);
                }
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE appeal SET status = ?,"
                    + " handling_level = coalesce(?, handling_level), department = coalesce(?, department) WHERE id = ?")) {
                st.setString(1, change.status());
                st.setString(2, change.handlingLevel());
                st.setString(3, change.department());
                st.setString(4, id);
                st.executeUpdate();
            }
            ObjectNode body = json.createObjectNode();
            body.put("appealId", id);
            body.put("trackingNo", trackingNo);
            body.put("status", change.status());
            body.put("handlingLevel", change.handlingLevel());
            body.put("department", change.department());
            body.put("reason", change.reason());
            body.put("reply", change.reply());
            body.put("dueAt", dueAt);
            long seq = append(c, kioskId, Streams.APPEAL_STATUS, Streams.KIND_APPEAL_STATUS, body);
            return Optional.of(new StatusItem(kioskId, seq));
        });
    }

    /** Appends an item to a kiosk's stream; its seq is the stream's last + 1. */
    public long appendItem(String kioskId, String stream, String kind, ObjectNode body) {
        return db.inTransaction("append a stream item", c -> append(c, kioskId, stream, kind, body));
    }

    private long append(Connection c, String kioskId, String stream, String kind, ObjectNode body) throws SQLException {
        long seq = lastSeq(c, kioskId, stream) + 1;
        try (PreparedStatement st = c.prepareStatement("INSERT INTO stream_item (kiosk_id, stream, seq, kind, body,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, kioskId);
            st.setString(2, stream);
            st.setLong(3, seq);
            st.setString(4, kind);
            st.setString(5, write(body));
            st.setString(6, now());
            st.executeUpdate();
        }
        return seq;
    }

    /** The stream's items after {@code after}, oldest first, at most {@code limit}. */
    public List<Deliver.Item> itemsAfter(String kioskId, String stream, long after, int limit) {
        return db.read("read stream items", c -> {
            List<Deliver.Item> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT seq, kind, body FROM stream_item"
                    + " WHERE kiosk_id = ? AND stream = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                st.setString(1, kioskId);
                st.setString(2, stream);
                st.setLong(3, after);
                st.setInt(4, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Deliver.Item(rs.getLong(1), rs.getString(2), read(rs.getString(3))));
                    }
                }
            }
            return out;
        });
    }

    public long lastSeq(String kioskId, String stream) {
        return db.read("read a stream's last seq", c -> lastSeq(c, kioskId, stream));
    }

    private static long lastSeq(Connection c, String kioskId, String stream) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT coalesce(max(seq), 0) FROM stream_item WHERE kiosk_id = ? AND stream = ?")) {
            st.setString(1, kioskId);
            st.setString(2, stream);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void saveCursor(String kioskId, String stream, long seq) {
        db.inRelaxedTransaction("save a cursor", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO kiosk_cursor (kiosk_id, stream, seq, updated_at)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (kiosk_id, stream) DO UPDATE SET seq = excluded.seq,"
                    + " updated_at = excluded.updated_at")) {
                st.setString(1, kioskId);
                st.setString(2, stream);
                st.setLong(3, seq);
                st.setString(4, now());
                st.executeUpdate();
            }
            return null;
        });
    }

    public Map<String, Long> cursors(String kioskId) {
        return db.read("read cursors", c -> {
            Map<String, Long> out = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT stream, seq FROM kiosk_cursor WHERE kiosk_id = ?")) {
                st.setString(1, kioskId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, arg);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean exists2(Connection c, String sql, String a, String b) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, a);
            st.setString(2, b);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Object longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private String now() {
        return clock.instant().toString();
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new HubException("cannot write JSON", e);
        }
    }

    private ObjectNode read(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new HubException("a stored stream item is not JSON", e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
