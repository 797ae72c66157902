package org.jinban.sync.hub;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.sync.protocol.Ack;
import org.jinban.sync.protocol.Codec;
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
    private final StreamStore streams;

    private HubStore(HubDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.streams = new StreamStore(db, json, clock);
    }

    public static HubStore open(Path dataDir, Clock clock) {
        return new HubStore(HubDatabase.open(dataDir), clock);
    }

    /** What the hub publishes on the downstream streams, and how a stream starts, is rebuilt and pruned. */
    StreamStore streams() {
        return streams;
    }

    /**
     * Deletes stream items older than {@code retention}, applied or not (docs/sync-protocol.md,
     * "How the reference hub reads the contract").
     *
     * @return how many items were deleted
     */
    public int prune(Duration retention) {
        return streams.prune(clock.instant().minus(retention));
    }

    /**
     * A kiosk as the admin API lists it; {@code connected} is filled in by the server.
     * {@code publicKey}: the key it sent when it redeemed its enrollment code (base64 X.509), or null.
     */
    public record KioskRow(String kioskId, boolean revoked, Instant lastContactAt, Long queue,
                           Long oldestUnsentSeconds, String publicKey) {
    }

    /** An appeal as the admin API lists it; {@code rating} is null until an {@code appeal.rated} arrived. */
    public record AppealRow(String id, String trackingNo, String kioskId, String status, Instant receivedAt,
                            Integer rating, boolean followUp) {
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

    /** One kiosk, enrolled or revoked. */
    public Optional<KioskRow> kiosk(String kioskId) {
        return kiosks().stream().filter(k -> k.kioskId().equals(kioskId)).findFirst();
    }

    public List<KioskRow> kiosks() {
        return db.read("list kiosks", c -> {
            List<KioskRow> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, revoked_at, last_contact_at, queue,"
                    + " oldest_unsent_seconds, public_key FROM kiosk ORDER BY id");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new KioskRow(rs.getString(1), rs.getString(2) != null, instant(rs.getString(3)),
                            (Long) longOrNull(rs, 4), (Long) longOrNull(rs, 5), rs.getString(6)));
                }
            }
            return out;
        });
    }

    /**
     * Stores a pushed batch in one transaction, in order: a record already held is acked again
     * without being stored twice, an invalid one is rejected with its reason, the rest are kept.
     * The ids already held are looked up once for the whole batch, and each statement is prepared
     * once per batch: a kiosk draining its outbox sends hundreds of records a second.
     */
    public Receipt receive(String kioskId, List<Push.Record> records) {
        return db.inTransaction("store pushed records", c -> {
            List<UUID> acked = new ArrayList<>();
            List<Ack.Rejected> rejected = new ArrayList<>();
            Set<String> held = heldRecords(c, records);
            try (Received batch = new Received(c, kioskId)) {
                for (Push.Record r : records) {
                    String id = r.id().toString();
                    if (held.contains(id)) {
                        acked.add(r.id());
                        continue;
                    }
                    Optional<String> problem = RecordValidator.problem(r).or(() -> batch.conflict(r));
                    if (problem.isPresent()) {
                        rejected.add(new Ack.Rejected(r.id(), problem.get()));
                        continue;
                    }
                    batch.insertRecord(r);
                    if (r.kind().equals(Streams.RECORD_APPEAL_FILED)) {
                        batch.insertAppeal(r);
                    }
                    applyRating(c, r);
                    held.add(id);
                    acked.add(r.id());
                }
            }
            return new Receipt(acked, rejected);
        });
    }

    /** Which of {@code records} the hub already holds, in one query. */
    private static Set<String> heldRecords(Connection c, List<Push.Record> records) throws SQLException {
        Set<String> held = new HashSet<>();
        if (records.isEmpty()) {
            return held;
        }
        String marks = String.join(",", Collections.nCopies(records.size(), "?"));
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM received_record WHERE id IN (" + marks + ")")) {
            for (int i = 0; i < records.size(); i++) {
                st.setString(i + 1, records.get(i).id().toString());
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getString(1));
                }
            }
        }
        return held;
    }

    /** The statements of one {@link #receive}, prepared once for the batch. */
    private final class Received implements AutoCloseable {
        private final String kioskId;
        private final PreparedStatement trackingNoHeld;
        private final PreparedStatement appealHeld;
        private final PreparedStatement appealOfKiosk;
        private final PreparedStatement record;
        private final PreparedStatement appeal;
        private final String receivedAt = now();

        Received(Connection c, String kioskId) throws SQLException {
            this.kioskId = kioskId;
            trackingNoHeld = c.prepareStatement("SELECT 1 FROM appeal WHERE tracking_no = ?");
            appealHeld = c.prepareStatement("SELECT 1 FROM appeal WHERE id = ?");
            appealOfKiosk = c.prepareStatement("SELECT 1 FROM appeal WHERE id = ? AND kiosk_id = ?");
            record = c.prepareStatement("INSERT INTO received_record (id, kiosk_id, kind, aggregate_id,"
                    + " created_at, payload, personal, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            appeal = c.prepareStatement("INSERT INTO appeal (id, tracking_no, kiosk_id, category, due_at,"
                    + " status, received_at) VALUES (?, ?, ?, ?, ?, 'SUBMITTED', ?)");
        }

        /** What in the store's state makes a valid-looking record impossible to keep. */
        Optional<String> conflict(Push.Record r) {
            try {
                return switch (r.kind()) {
                    case Streams.RECORD_APPEAL_FILED -> found(trackingNoHeld, r.payloadText("trackingNo"))
                            || found(appealHeld, r.payloadText("id"))
                            ? Optional.of("an appeal with this trackingNo or id is already held") : Optional.empty();
                    case Streams.RECORD_APPEAL_RATED -> found(appealOfKiosk, r.payloadText("appealId"), kioskId)
                            ? Optional.empty() : Optional.of("no appeal " + r.payloadText("appealId") + " from this kiosk");
                    default -> Optional.empty();
                };
            } catch (SQLException e) {
                throw new HubException("cannot check a pushed record: " + e.getMessage(), e);
            }
        }

        void insertRecord(Push.Record r) throws SQLException {
            record.setString(1, r.id().toString());
            record.setString(2, kioskId);
            record.setString(3, r.kind());
            record.setString(4, r.aggregateId());
            record.setString(5, r.createdAt().toString());
            record.setString(6, write(r.payload()));
            record.setString(7, r.personal() == null ? null : write(r.personal()));
            record.setString(8, receivedAt);
            record.executeUpdate();
        }

        void insertAppeal(Push.Record r) throws SQLException {
            appeal.setString(1, r.payloadText("id"));
            appeal.setString(2, r.payloadText("trackingNo"));
            appeal.setString(3, kioskId);
            appeal.setString(4, r.payloadText("category"));
            appeal.setString(5, r.payloadText("dueAt"));
            appeal.setString(6, receivedAt);
            appeal.executeUpdate();
        }

        private static boolean found(PreparedStatement st, String... args) throws SQLException {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement st : List.of(trackingNoHeld, appealHeld, appealOfKiosk, record, appeal)) {
                st.close();
            }
        }
    }

    /** An {@code appeal.rated} record closes the appeal with the resident's rating; other kinds pass. */
    private void applyRating(Connection c, Push.Record r) throws SQLException {
        if (!r.kind().equals(Streams.RECORD_APPEAL_RATED)) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE appeal SET status = 'CLOSED', rating_level = ?,"
                + " follow_up = ? WHERE id = ?")) {
            st.setLong(1, r.payload().path("level").asLong());
            st.setBoolean(2, r.payload().path("followUp").asBoolean(false));
            st.setString(3, r.payloadText("appealId"));
            st.executeUpdate();
        }
    }

    public List<AppealRow> appeals() {
        return db.read("list appeals", c -> {
            List<AppealRow> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, tracking_no, kiosk_id, status, received_at,"
                    + " rating_level, follow_up FROM appeal ORDER BY received_at, tracking_no");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Object rating = longOrNull(rs, 6);
                    out.add(new AppealRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            instant(rs.getString(5)), rating == null ? null : ((Long) rating).intValue(),
                            rs.getBoolean(7)));
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
                    + " handling_level = coalesce(?, handling_level), department = coalesce(?, department),"
                    + " reason = coalesce(?, reason), reply = coalesce(?, reply) WHERE id = ?")) {
                st.setString(1, change.status());
                st.setString(2, change.handlingLevel());
                st.setString(3, change.department());
                st.setString(4, change.reason());
                st.setString(5, change.reply());
                st.setString(6, id);
                st.executeUpdate();
            }
            ObjectNode body = StreamStore.statusBody(id, trackingNo, change.status(), change.handlingLevel(),
                    change.department(), change.reason(), change.reply(), dueAt);
            long seq = append(c, kioskId, Streams.APPEAL_STATUS, Streams.KIND_APPEAL_STATUS, body);
            return Optional.of(new StatusItem(kioskId, seq));
        });
    }

    /** Appends an item to a kiosk's stream; its seq is the stream's last + 1. */
    public long appendItem(String kioskId, String stream, String kind, ObjectNode body) {
        return db.inTransaction("append a stream item", c -> append(c, kioskId, stream, kind, body));
    }

    private long append(Connection c, String kioskId, String stream, String kind, ObjectNode body) throws SQLException {
        return StreamItems.append(c, kioskId, stream, kind, write(body), now());
    }

    /**
     * The stream's items after {@code after}, oldest first, at most {@code limit}, and no more
     * than one frame's worth of bodies (at least one item): a batch of catalog parts is then one
     * part, not a hundred read and encoded to be halved down to one.
     */
    public List<Deliver.Item> itemsAfter(String kioskId, String stream, long after, int limit) {
        return db.read("read stream items", c -> {
            List<Deliver.Item> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT i.seq, i.kind, coalesce(i.body, b.body),"
                    + " octet_length(coalesce(i.body, b.body)) FROM stream_item i LEFT JOIN stream_body b ON b.id = i.body_id"
                    + " WHERE i.kiosk_id = ? AND i.stream = ? AND i.seq > ? ORDER BY i.seq LIMIT ?")) {
                st.setString(1, kioskId);
                st.setString(2, stream);
                st.setLong(3, after);
                st.setInt(4, limit);
                try (ResultSet rs = st.executeQuery()) {
                    long bytes = 0;
                    while (rs.next()) {
                        bytes += rs.getLong(4);
                        if (!out.isEmpty() && bytes > Codec.MAX_FRAME_BYTES) {
                            break;
                        }
                        out.add(new Deliver.Item(rs.getLong(1), rs.getString(2), read(rs.getString(3))));
                    }
                }
            }
            return out;
        });
    }

    public long lastSeq(String kioskId, String stream) {
        return db.read("read a stream's last seq", c -> StreamItems.lastSeq(c, kioskId, stream));
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
