package org.jinban.sync.hub;

import java.nio.charset.StandardCharsets;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.sync.protocol.CatalogParts;
import org.jinban.sync.protocol.Streams;

/**
 * The SQL of what the hub publishes on the downstream streams: catalog versions (a delta or a
 * snapshot per kiosk), the roster, each kiosk's central config; and how a kiosk's stream is
 * started at its hello, rebuilt from seq 1 when the kiosk's cursor is no longer held, repaired
 * after a catalog delta it could not apply, and pruned by retention. Each call is one
 * transaction, so a stream and what it was built from never disagree.
 */
final class StreamStore {
    private final HubDatabase db;
    private final ObjectMapper json;
    private final Clock clock;

    StreamStore(HubDatabase db, ObjectMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /** A catalog whose snapshot is larger than {@link CatalogParts#MAX_BODY_BYTES}. */
    static final class CatalogTooLarge extends RuntimeException {
        CatalogTooLarge(long bytes) {
            super("the catalog is too large for a kiosk to take: " + bytes + " bytes of JSON, more than "
                    + CatalogParts.MAX_BODY_BYTES, null, false, false);
        }
    }

    /**
     * What a publication appended for a kiosk: a body of {@code kind} carried by {@code items}
     * consecutive items (more than one: in parts) ending at {@code seq}.
     */
    record Appended(String kioskId, long seq, String kind, int items) {
    }

    /**
     * Where a kiosk's stream starts after its hello.
     *
     * @param cursor the cursor to send after (0 after a rebuild)
     * @param resync whether the welcome must list the stream: the kiosk drops what it holds of it
     */
    record Start(long cursor, boolean resync) {
    }

    /** What the hello cursor of a stream calls for. */
    enum Verdict {
        /** Send after the cursor. */
        RESUME,
        /** Rebuild the stream and send it from seq 1; the kiosk held none of it. */
        REBUILD,
        /** Rebuild the stream, list it in the welcome's resync and send it from seq 1. */
        RESYNC
    }

    /**
     * A hello cursor beyond the last seq (the hub's store was reset), or above 0 but below the
     * oldest item held less one (retention deleted what follows it), cannot be resumed: the
     * kiosk starts the stream over. A kiosk that holds nothing (cursor 0) of a stream whose first
     * items are gone takes it rebuilt; one whose catalog or roster stream is still empty takes
     * the latest snapshot, so a kiosk enrolled after a publication is not left without it.
     */
    static Verdict verdict(String stream, long cursor, long lastSeq, long oldestHeld) {
        if (cursor > lastSeq || (cursor > 0 && cursor < oldestHeld - 1)) {
            return Verdict.RESYNC;
        }
        if (cursor == 0 && (oldestHeld > 1
                || (lastSeq == 0 && (stream.equals(Streams.CATALOG) || stream.equals(Streams.ROSTER))))) {
            return Verdict.REBUILD;
        }
        return Verdict.RESUME;
    }

    /** Decides, and rebuilds if need be, where {@code stream} starts for a kiosk that said hello. */
    Start start(String kioskId, String stream, long cursor) {
        // Most hellos resume: decide on a read first, and take the write lock only to rebuild.
        if (db.read("look at a stream", c -> verdict(c, kioskId, stream, cursor)) == Verdict.RESUME) {
            return new Start(cursor, false);
        }
        return db.inTransaction("start a stream", c -> {
            Verdict v = verdict(c, kioskId, stream, cursor);
            if (v == Verdict.RESUME) {
                return new Start(cursor, false);
            }
            rebuild(c, kioskId, stream);
            return new Start(0, v == Verdict.RESYNC);
        });
    }

    private static Verdict verdict(Connection c, String kioskId, String stream, long cursor) throws SQLException {
        long last = StreamItems.lastSeq(c, kioskId, stream);
        Verdict v = verdict(stream, cursor, last, StreamItems.oldestHeld(c, kioskId, stream));
        if (v == Verdict.REBUILD && last == 0 && !holdsSnapshotFor(c, stream)) {
            return Verdict.RESUME; // an empty stream and nothing published to seed it with
        }
        return v;
    }

    private static boolean holdsSnapshotFor(Connection c, String stream) throws SQLException {
        String sql = stream.equals(Streams.CATALOG) ? "SELECT 1 FROM catalog_version LIMIT 1"
                : stream.equals(Streams.ROSTER) ? "SELECT 1 FROM roster" : null;
        if (sql == null) {
            return false;
        }
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Publishes a catalog version to every enrolled, unrevoked kiosk: a delta against the version
     * last appended to its stream when that is possible and smaller, else a snapshot.
     *
     * @return empty if {@code document}'s version is not newer than the last one published
     * @throws CatalogTooLarge if its JSON is more than a kiosk takes; nothing is published
     */
    Optional<List<Appended>> publishCatalog(ObjectNode document) {
        long version = CatalogCheck.version(document);
        String snapshot = write(document);
        int snapshotBytes = snapshot.getBytes(StandardCharsets.UTF_8).length;
        if (snapshotBytes > CatalogParts.MAX_BODY_BYTES) {
            throw new CatalogTooLarge(snapshotBytes);
        }
        // Read back as a stored version is, so that items compare alike (an int and a long 1 differ).
        ObjectNode next = read(snapshot);
        return db.inTransaction("publish a catalog version", c -> {
            if (version <= latestCatalogVersion(c)) {
                return Optional.empty();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO catalog_version (version, document, published_at) VALUES (?, ?, ?)")) {
                st.setLong(1, version);
                st.setString(2, snapshot);
                st.setString(3, now());
                st.executeUpdate();
            }
            Map<Long, Optional<String>> deltas = new HashMap<>();
            // every kiosk taking the same body takes the same items, whose bodies are kept once
            Map<String, SharedItems> kept = new HashMap<>();
            List<Appended> out = new ArrayList<>();
            for (String kioskId : activeKiosks(c)) {
                Optional<Long> previous = kioskCatalogVersion(c, kioskId);
                Optional<String> delta = Optional.empty();
                if (previous.isPresent()) {
                    if (!deltas.containsKey(previous.get())) {
                        deltas.put(previous.get(), catalogDocument(c, previous.get())
                                .flatMap(p -> CatalogDiff.delta(p, next)).map(this::write)
                                .filter(d -> d.getBytes(StandardCharsets.UTF_8).length < snapshotBytes));
                    }
                    delta = deltas.get(previous.get());
                }
                String kind = delta.isPresent() ? Streams.KIND_CATALOG_DELTA : Streams.KIND_CATALOG_SNAPSHOT;
                String body = delta.orElse(snapshot);
                String key = delta.isPresent() ? "delta after " + previous.get() : "snapshot";
                SharedItems carried = kept.get(key);
                if (carried == null) {
                    carried = SharedItems.keep(c, CatalogItems.of(kind, version, body));
                    kept.put(key, carried);
                }
                long seq = 0;
                for (long bodyId : carried.bodies()) {
                    seq = StreamItems.appendShared(c, kioskId, Streams.CATALOG, carried.kind(), bodyId, now());
                }
                setKioskCatalogVersion(c, kioskId, version);
                out.add(new Appended(kioskId, seq, kind, carried.bodies().size()));
            }
            return Optional.of(out);
        });
    }

    /** Keeps {@code body} as the roster and appends it to every enrolled, unrevoked kiosk. */
    List<Appended> publishRoster(ObjectNode body) {
        String text = write(body);
        return db.inTransaction("publish the roster", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO roster (id, body, published_at) VALUES (1, ?, ?)"
                    + " ON CONFLICT (id) DO UPDATE SET body = excluded.body, published_at = excluded.published_at")) {
                st.setString(1, text);
                st.setString(2, now());
                st.executeUpdate();
            }
            List<Appended> out = new ArrayList<>();
            for (String kioskId : activeKiosks(c)) {
                long seq = StreamItems.append(c, kioskId, Streams.ROSTER, Streams.KIND_ROSTER_SNAPSHOT, text, now());
                out.add(new Appended(kioskId, seq, Streams.KIND_ROSTER_SNAPSHOT, 1));
            }
            return out;
        });
    }

    /**
     * Keeps {@code body} as the kiosk's central config and appends it to its config stream.
     *
     * @return the item's seq, or empty if the kiosk is not enrolled or is revoked
     */
    Optional<Long> setConfig(String kioskId, ObjectNode body) {
        String text = write(body);
        return db.inTransaction("set a kiosk's config", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM kiosk WHERE id = ? AND revoked_at IS NULL")) {
                st.setString(1, kioskId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO kiosk_config (kiosk_id, body, set_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET body = excluded.body, set_at = excluded.set_at")) {
                st.setString(1, kioskId);
                st.setString(2, text);
                st.setString(3, now());
                st.executeUpdate();
            }
            return Optional.of(StreamItems.append(c, kioskId, Streams.CONFIG, Streams.KIND_CONFIG_SNAPSHOT, text, now()));
        });
    }

    /**
     * The kiosk could not apply catalog item {@code failedSeq}: if it was a delta and no snapshot
     * follows it yet, appends a snapshot of the latest version. A failed snapshot is not answered
     * with another (it would fail the same way, for ever), nor a repeated error twice.
     *
     * @return the snapshot's seq, if one was appended
     */
    Optional<Long> repairCatalog(String kioskId, long failedSeq) {
        return db.inTransaction("repair a kiosk's catalog", c -> {
            boolean delta = StreamItems.kindAt(c, kioskId, Streams.CATALOG, failedSeq)
                    .filter(k -> k.equals(Streams.KIND_CATALOG_DELTA) || k.equals(CatalogParts.KIND_DELTA_PART))
                    .isPresent();
            if (!delta || StreamItems.followedBy(c, kioskId, Streams.CATALOG, failedSeq,
                    Streams.KIND_CATALOG_SNAPSHOT, CatalogParts.KIND_SNAPSHOT_PART)) {
                return Optional.empty();
            }
            return appendLatestCatalog(c, kioskId);
        });
    }

    /**
     * Deletes the stream items created before {@code cutoff}, and the catalog versions no kiosk's
     * next delta needs (every one but the latest and those last appended to a kiosk).
     *
     * @return how many items were deleted
     */
    int prune(Instant cutoff) {
        return db.inTransaction("prune stream items", c -> {
            int items = StreamItems.deleteCreatedBefore(c, cutoff.toString());
            try (PreparedStatement st = c.prepareStatement("DELETE FROM catalog_version"
                    + " WHERE version < (SELECT max(version) FROM catalog_version)"
                    + " AND version NOT IN (SELECT version FROM kiosk_catalog)")) {
                st.executeUpdate();
            }
            return items;
        });
    }

    /** The latest catalog version published, or 0. */
    long latestCatalogVersion() {
        return db.read("read the latest catalog version", StreamStore::latestCatalogVersion);
    }

    /** The catalog version last appended to the kiosk's stream. */
    Optional<Long> catalogVersionOf(String kioskId) {
        return db.read("read a kiosk's catalog version", c -> kioskCatalogVersion(c, kioskId));
    }

    /** The body of an {@code appeal.status} item. */
    static ObjectNode statusBody(String appealId, String trackingNo, String status, String handlingLevel,
                                 String department, String reason, String reply, String dueAt) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("appealId", appealId);
        body.put("trackingNo", trackingNo);
        body.put("status", status);
        body.put("handlingLevel", handlingLevel);
        body.put("department", department);
        body.put("reason", reason);
        body.put("reply", reply);
        body.put("dueAt", dueAt);
        return body;
    }

    /**
     * Starts every stream of a kiosk that was enrolled again over, in the caller's transaction:
     * its items, heads and reported cursors are deleted; {@code catalog}, {@code roster} and
     * {@code config} begin at seq 1 with the latest snapshot the hub holds; {@code appeal-status}
     * and {@code command} begin empty (the appeals filed under the former enrollment are not on
     * the reset kiosk, and an old command is never sent again). The kiosk's first hello, with
     * every cursor 0, then takes each stream from seq 1.
     */
    void restart(Connection c, String kioskId) throws SQLException {
        for (String table : new String[] {"stream_item", "stream_head", "kiosk_cursor", "kiosk_catalog"}) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE kiosk_id = ?")) {
                st.setString(1, kioskId);
                st.executeUpdate();
            }
        }
        // each rebuild clears its stream, which deletes the shared bodies no item names any more
        for (String stream : List.of(Streams.CATALOG, Streams.ROSTER, Streams.CONFIG)) {
            rebuild(c, kioskId, stream);
        }
    }

    /** Starts the stream over from seq 1 with what the hub holds now for this kiosk. */
    private void rebuild(Connection c, String kioskId, String stream) throws SQLException {
        StreamItems.clear(c, kioskId, stream);
        switch (stream) {
            case Streams.CATALOG -> {
                if (appendLatestCatalog(c, kioskId).isEmpty()) {
                    try (PreparedStatement st = c.prepareStatement("DELETE FROM kiosk_catalog WHERE kiosk_id = ?")) {
                        st.setString(1, kioskId);
                        st.executeUpdate();
                    }
                }
            }
            case Streams.ROSTER -> appendStored(c, kioskId, stream, Streams.KIND_ROSTER_SNAPSHOT,
                    "SELECT body FROM roster WHERE id = 1");
            case Streams.CONFIG -> appendStored(c, kioskId, stream, Streams.KIND_CONFIG_SNAPSHOT,
                    "SELECT body FROM kiosk_config WHERE kiosk_id = ?", kioskId);
            case Streams.APPEAL_STATUS -> appendStatuses(c, kioskId);
            default -> {
                // command: an old command is never sent again; the stream starts empty
            }
        }
    }

    private Optional<Long> appendLatestCatalog(Connection c, String kioskId) throws SQLException {
        long latest = latestCatalogVersion(c);
        if (latest == 0) {
            return Optional.empty();
        }
        String document;
        try (PreparedStatement st = c.prepareStatement("SELECT document FROM catalog_version WHERE version = ?")) {
            st.setLong(1, latest);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                document = rs.getString(1);
            }
        }
        long seq = append(c, kioskId, CatalogItems.of(Streams.KIND_CATALOG_SNAPSHOT, latest, document));
        setKioskCatalogVersion(c, kioskId, latest);
        return Optional.of(seq);
    }

    /**
     * The stream items that carry a catalog body: the body itself when it fits in a frame, else
     * its parts (docs/sync-protocol.md, "Catalog parts"), in order.
     */
    record CatalogItems(String kind, List<String> bodies) {
        static CatalogItems of(String kind, long version, String body) {
            // a char is at least one byte: a body longer than a slice in chars is not encoded to know
            if (body.length() <= CatalogParts.MAX_SLICE_BYTES
                    && body.getBytes(StandardCharsets.UTF_8).length <= CatalogParts.MAX_SLICE_BYTES) {
                return new CatalogItems(kind, List.of(body));
            }
            String partKind = CatalogParts.partKindOf(kind).orElseThrow();
            return new CatalogItems(partKind, CatalogParts.split(version, body).stream()
                    .map(p -> p.body().toString()).toList());
        }
    }

    /** Catalog items whose bodies are kept once ({@code stream_body}), by id, for many kiosks' streams. */
    private record SharedItems(String kind, List<Long> bodies) {
        static SharedItems keep(Connection c, CatalogItems items) throws SQLException {
            List<Long> bodies = new ArrayList<>(items.bodies().size());
            for (String body : items.bodies()) {
                bodies.add(StreamItems.keep(c, body));
            }
            return new SharedItems(items.kind(), bodies);
        }
    }

    /** Appends the items; the seq of the last one, whose cursor means the kiosk applied the body. */
    private long append(Connection c, String kioskId, CatalogItems items) throws SQLException {
        long seq = 0;
        for (String body : items.bodies()) {
            seq = StreamItems.append(c, kioskId, Streams.CATALOG, items.kind(), body, now());
        }
        return seq;
    }

    /** Appends the body the query finds, if it finds one. */
    private void appendStored(Connection c, String kioskId, String stream, String kind, String sql, String... args)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    StreamItems.append(c, kioskId, stream, kind, rs.getString(1), now());
                }
            }
        }
    }

    private void appendStatuses(Connection c, String kioskId) throws SQLException {
        List<ObjectNode> bodies = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, tracking_no, status, handling_level, department,"
                + " reason, reply, due_at FROM appeal WHERE kiosk_id = ? ORDER BY received_at, tracking_no")) {
            st.setString(1, kioskId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    bodies.add(statusBody(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        for (ObjectNode body : bodies) {
            StreamItems.append(c, kioskId, Streams.APPEAL_STATUS, Streams.KIND_APPEAL_STATUS, write(body), now());
        }
    }

    private static long latestCatalogVersion(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT coalesce(max(version), 0) FROM catalog_version");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Optional<ObjectNode> catalogDocument(Connection c, long version) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT document FROM catalog_version WHERE version = ?")) {
            st.setLong(1, version);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static Optional<Long> kioskCatalogVersion(Connection c, String kioskId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT version FROM kiosk_catalog WHERE kiosk_id = ?")) {
            st.setString(1, kioskId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static void setKioskCatalogVersion(Connection c, String kioskId, long version) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO kiosk_catalog (kiosk_id, version) VALUES (?, ?)"
                + " ON CONFLICT (kiosk_id) DO UPDATE SET version = excluded.version")) {
            st.setString(1, kioskId);
            st.setLong(2, version);
            st.executeUpdate();
        }
    }

    private static List<String> activeKiosks(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM kiosk WHERE revoked_at IS NULL ORDER BY id");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
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
            throw new HubException("a stored catalog version is not JSON", e);
        }
    }
}
