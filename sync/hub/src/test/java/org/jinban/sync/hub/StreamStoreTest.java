package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.sync.hub.StreamStore.Appended;
import org.jinban.sync.hub.StreamStore.Start;
import org.jinban.sync.hub.StreamStore.Verdict;
import org.jinban.sync.hub.testing.Catalogs;
import org.jinban.sync.hub.testing.MutableClock;
import org.jinban.sync.hub.testing.Records;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.Push;
import org.jinban.sync.protocol.Streams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publications on the downstream streams, rebuilds, repairs and retention, against a real SQLite file. */
class StreamStoreTest {
    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
    private HubStore store;
    private StreamStore streams;

    @BeforeEach
    void open() {
        store = HubStore.open(data, clock);
        streams = store.streams();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Ten items, so that changing one makes a delta much smaller than the snapshot. */
    private static ObjectNode v1() {
        ObjectNode[] items = new ObjectNode[10];
        for (int i = 0; i < items.length; i++) {
            items[i] = Catalogs.item("JB-00" + i, "事项" + i);
        }
        return Catalogs.document(1, items);
    }

    /** v1 with JB-001 changed, JB-002 removed and JB-010 added. */
    private static ObjectNode v2() {
        ObjectNode doc = v1().put("version", 2);
        var items = (com.fasterxml.jackson.databind.node.ArrayNode) doc.get("items");
        ((ObjectNode) items.get(1)).put("processingTime", "P3D");
        items.remove(2);
        items.add(Catalogs.item("JB-010", "新事项"));
        return doc;
    }

    private Deliver.Item item(String kioskId, String stream, long seq) {
        return store.itemsAfter(kioskId, stream, seq - 1, 1).getFirst();
    }

    private static List<String> texts(JsonNode array, String field) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
        return out;
    }

    @Test
    void aKioskThatHasV1GetsADeltaAndANewKioskTheSnapshot() {
        store.enroll("K-1");
        assertEquals(List.of(new Appended("K-1", 1, Streams.KIND_CATALOG_SNAPSHOT, 1)),
                streams.publishCatalog(v1()).orElseThrow());
        store.enroll("K-2");
        List<Appended> second = streams.publishCatalog(v2()).orElseThrow();
        assertEquals(List.of(new Appended("K-1", 2, Streams.KIND_CATALOG_DELTA, 1),
                new Appended("K-2", 1, Streams.KIND_CATALOG_SNAPSHOT, 1)), second);

        JsonNode delta = item("K-1", Streams.CATALOG, 2).body();
        assertEquals(2, delta.get("version").asLong());
        assertEquals(1, delta.get("previousVersion").asLong());
        assertEquals(List.of("JB-001", "JB-010"), texts(delta.get("upserts"), "code"));
        assertEquals("P3D", delta.get("upserts").get(0).get("processingTime").asText());
        assertEquals(List.of("JB-002"), texts(delta.get("removes"), null));
        assertEquals(v2().toString(), item("K-2", Streams.CATALOG, 1).body().toString());
        assertEquals(2L, streams.catalogVersionOf("K-1").orElseThrow());
    }

    @Test
    void aVersionNotNewerThanTheLastPublishedIsRefusedAndAppendsNothing() {
        store.enroll("K-1");
        streams.publishCatalog(v2()).orElseThrow();
        assertTrue(streams.publishCatalog(v2()).isEmpty());
        assertTrue(streams.publishCatalog(v1()).isEmpty());
        assertEquals(1, store.lastSeq("K-1", Streams.CATALOG));
        assertEquals(2, streams.latestCatalogVersion());
    }

    @Test
    void aChangedFrameGoesAsASnapshotForTheKioskKeepsTheHeldDepartments() {
        store.enroll("K-1");
        streams.publishCatalog(v1());
        ObjectNode newDepartment = v2();
        ((com.fasterxml.jackson.databind.node.ArrayNode) newDepartment.get("departments")).addObject()
                .put("code", "health").putObject("name").put("zh-CN", "卫健局").put("en", "Health Bureau");
        assertEquals(Streams.KIND_CATALOG_SNAPSHOT, streams.publishCatalog(newDepartment).orElseThrow().getFirst().kind());
        ObjectNode v3 = newDepartment.deepCopy().put("version", 3);
        ((ObjectNode) v3.get("items").get(0)).put("popularity", 5);
        assertEquals(Streams.KIND_CATALOG_DELTA, streams.publishCatalog(v3).orElseThrow().getFirst().kind(),
                "the same frame again: a delta");
    }

    @Test
    void aDeltaNoSmallerThanTheSnapshotGoesAsTheSnapshot() {
        store.enroll("K-1");
        ObjectNode[] many = new ObjectNode[60];
        for (int i = 0; i < many.length; i++) {
            many[i] = Catalogs.item("JB-" + "0".repeat(30) + String.format("%03d", i), "事项" + i);
        }
        streams.publishCatalog(Catalogs.document(1, many));
        ObjectNode one = Catalogs.document(2, Catalogs.item("JB-NEW", "新事项"));
        assertEquals(Streams.KIND_CATALOG_SNAPSHOT, streams.publishCatalog(one).orElseThrow().getFirst().kind(),
                "sixty long codes removed weigh more than the one-item snapshot");
        assertEquals(one.toString(), item("K-1", Streams.CATALOG, 2).body().toString());
    }

    @Test
    void aFailedDeltaIsRepairedByOneSnapshotAndAFailedSnapshotIsNot() {
        store.enroll("K-1");
        streams.publishCatalog(v1());
        streams.publishCatalog(v2());
        assertTrue(streams.repairCatalog("K-1", 1).isEmpty(), "seq 1 is a snapshot: another would fail alike");
        assertEquals(3L, streams.repairCatalog("K-1", 2).orElseThrow());
        Deliver.Item snapshot = item("K-1", Streams.CATALOG, 3);
        assertEquals(Streams.KIND_CATALOG_SNAPSHOT, snapshot.kind());
        assertEquals(v2().toString(), snapshot.body().toString());
        assertTrue(streams.repairCatalog("K-1", 2).isEmpty(), "at most once per seq");
        assertTrue(streams.repairCatalog("K-1", 3).isEmpty());
        assertTrue(streams.repairCatalog("K-1", 99).isEmpty());
        assertEquals(3, store.lastSeq("K-1", Streams.CATALOG));
    }

    @Test
    void aCursorIsResumedResyncedOrRebuiltAsTheContractSays() {
        // stream, cursor, last seq, oldest held
        assertEquals(Verdict.RESUME, StreamStore.verdict(Streams.CONFIG, 5, 9, 1));
        assertEquals(Verdict.RESUME, StreamStore.verdict(Streams.CONFIG, 4, 9, 5), "the next item is still held");
        assertEquals(Verdict.RESUME, StreamStore.verdict(Streams.CONFIG, 9, 9, 10), "up to date, all items pruned");
        assertEquals(Verdict.RESYNC, StreamStore.verdict(Streams.CONFIG, 3, 9, 5));
        assertEquals(Verdict.RESYNC, StreamStore.verdict(Streams.CONFIG, 8, 9, 10));
        assertEquals(Verdict.RESYNC, StreamStore.verdict(Streams.CONFIG, 10, 9, 1), "beyond the last seq");
        assertEquals(Verdict.RESYNC, StreamStore.verdict(Streams.COMMAND, 1, 0, 1));
        assertEquals(Verdict.REBUILD, StreamStore.verdict(Streams.CONFIG, 0, 9, 5), "holds nothing, first items gone");
        assertEquals(Verdict.RESUME, StreamStore.verdict(Streams.CONFIG, 0, 9, 1));
        assertEquals(Verdict.REBUILD, StreamStore.verdict(Streams.CATALOG, 0, 0, 1), "an empty catalog stream is seeded");
        assertEquals(Verdict.REBUILD, StreamStore.verdict(Streams.ROSTER, 0, 0, 1));
        assertEquals(Verdict.RESUME, StreamStore.verdict(Streams.APPEAL_STATUS, 0, 0, 1));
        assertEquals(Verdict.RESUME, StreamStore.verdict(Streams.COMMAND, 0, 0, 1));
    }

    /** Rows of the hub's database, one number per query. */
    private long count(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + data.resolve(HubDatabase.FILE_NAME).toAbsolutePath());
             java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every item of a kiosk's catalog stream, read as a kiosk takes them (parts one at a time). */
    private List<Deliver.Item> catalogItems(String kioskId) {
        List<Deliver.Item> all = new java.util.ArrayList<>();
        for (List<Deliver.Item> batch = store.itemsAfter(kioskId, Streams.CATALOG, 0, 100); !batch.isEmpty();
             batch = store.itemsAfter(kioskId, Streams.CATALOG, batch.getLast().seq(), 100)) {
            all.addAll(batch);
        }
        return all;
    }

    @Test
    void aCatalogInPartsIsKeptOnceForEveryKioskAndGoesWithTheItemsThatNameIt() throws Exception {
        for (String kiosk : List.of("K-1", "K-2", "K-3")) {
            store.enroll(kiosk);
        }
        ObjectNode[] items = new ObjectNode[2_000];
        for (int i = 0; i < items.length; i++) {
            items[i] = Catalogs.item("JB-%04d".formatted(i), "社区服务事项第" + i + "项");
        }
        List<Appended> appended = streams.publishCatalog(Catalogs.document(1, items)).orElseThrow();
        int parts = appended.getFirst().items();
        assertTrue(parts > 1, "a snapshot in parts: " + parts);
        assertEquals(parts, count("SELECT count(*) FROM stream_body"), "each part kept once, not once per kiosk");
        assertEquals(3L * parts, count("SELECT count(*) FROM stream_item WHERE body IS NULL AND body_id IS NOT NULL"));
        List<Deliver.Item> first = catalogItems("K-1");
        for (String kiosk : List.of("K-2", "K-3")) {
            assertEquals(first, catalogItems(kiosk), kiosk + " takes the same items");
        }
        assertEquals(parts, first.size());
        assertEquals(java.util.stream.LongStream.rangeClosed(1, parts).boxed().toList(),
                first.stream().map(Deliver.Item::seq).toList());

        // a kiosk whose stream is rebuilt (here: a cursor past its end) takes the same parts again,
        // and the parts the others' items name stay
        assertEquals(new Start(0, true), streams.start("K-1", Streams.CATALOG, parts + 5L));
        assertEquals(first, catalogItems("K-1"));
        assertEquals(first, catalogItems("K-3"));
        assertEquals(parts, count("SELECT count(*) FROM stream_body"));
        // once retention has deleted every item naming them, the parts go too
        clock.advance(Duration.ofDays(31));
        store.prune(Duration.ofDays(30));
        assertEquals(0, count("SELECT count(*) FROM stream_item WHERE body_id IS NOT NULL"));
        assertEquals(0, count("SELECT count(*) FROM stream_body"));
    }

    @Test
    void retentionDeletesOldItemsButNotTheLastSeqAndAStaleCursorGetsTheStreamRebuilt() {
        store.enroll("K-1");
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putObject("values").put("kiosk.ui.idle-timeout", "PT90S");
        streams.setConfig("K-1", JsonNodeFactory.instance.objectNode().set("values",
                JsonNodeFactory.instance.objectNode()));
        streams.setConfig("K-1", config);
        clock.advance(Duration.ofDays(29));
        streams.setConfig("K-1", config);
        clock.advance(Duration.ofDays(2));

        assertEquals(2, store.prune(Duration.ofDays(30)));
        assertEquals(3, store.lastSeq("K-1", Streams.CONFIG), "the seq goes on after a prune");
        assertEquals(List.of(3L), store.itemsAfter("K-1", Streams.CONFIG, 0, 10).stream().map(Deliver.Item::seq).toList());
        assertEquals(new Start(2, false), streams.start("K-1", Streams.CONFIG, 2), "seq 3 is still held");
        assertEquals(3, store.lastSeq("K-1", Streams.CONFIG), "resuming rebuilds nothing");

        Start stale = streams.start("K-1", Streams.CONFIG, 1);
        assertEquals(new Start(0, true), stale);
        List<Deliver.Item> rebuilt = store.itemsAfter("K-1", Streams.CONFIG, 0, 10);
        assertEquals(1, rebuilt.size());
        assertEquals(1, rebuilt.getFirst().seq());
        assertEquals(config, rebuilt.getFirst().body(), "the latest config only");
    }

    @Test
    void aRebuiltAppealStatusStreamHoldsEachAppealsCurrentStatus() {
        store.enroll("K-1");
        Push.Record first = Records.appealFiled("T-1");
        Push.Record second = Records.appealFiled("T-2");
        store.receive("K-1", List.of(first, second));
        store.changeStatus("T-1", new HubStore.StatusChange("RECEIVED", "STREET", "城管", null, null));
        store.changeStatus("T-1", new HubStore.StatusChange("RESOLVED", null, null, null, "已修好"));
        assertEquals(new Start(0, true), streams.start("K-1", Streams.APPEAL_STATUS, 7));
        List<Deliver.Item> items = store.itemsAfter("K-1", Streams.APPEAL_STATUS, 0, 10);
        assertEquals(List.of(1L, 2L), items.stream().map(Deliver.Item::seq).toList());
        Map<String, JsonNode> byTrackingNo = Map.of(items.get(0).body().get("trackingNo").asText(), items.get(0).body(),
                items.get(1).body().get("trackingNo").asText(), items.get(1).body());
        JsonNode t1 = byTrackingNo.get("T-1");
        assertEquals("RESOLVED", t1.get("status").asText());
        assertEquals("STREET", t1.get("handlingLevel").asText());
        assertEquals("已修好", t1.get("reply").asText());
        assertEquals("SUBMITTED", byTrackingNo.get("T-2").get("status").asText());
    }

    @Test
    void aKioskEnrolledAfterAPublicationIsSeededAtItsHello() {
        store.enroll("K-1");
        streams.publishCatalog(v1());
        streams.publishRoster(JsonNodeFactory.instance.objectNode().set("staff", JsonNodeFactory.instance.arrayNode()));
        store.enroll("K-2");
        assertEquals(new Start(0, false), streams.start("K-2", Streams.CATALOG, 0));
        assertEquals(new Start(0, false), streams.start("K-2", Streams.ROSTER, 0));
        assertEquals(Streams.KIND_CATALOG_SNAPSHOT, item("K-2", Streams.CATALOG, 1).kind());
        assertEquals(Streams.KIND_ROSTER_SNAPSHOT, item("K-2", Streams.ROSTER, 1).kind());
        assertEquals(1L, streams.catalogVersionOf("K-2").orElseThrow());
        assertEquals(new Start(1, false), streams.start("K-2", Streams.CATALOG, 1));
        assertEquals(1, store.lastSeq("K-2", Streams.CATALOG), "a second hello seeds nothing more");
    }

    @Test
    void aRevokedKioskGetsNoPublication() {
        store.enroll("K-1");
        store.enroll("K-2");
        store.revoke("K-2");
        assertEquals(List.of("K-1"), streams.publishCatalog(v1()).orElseThrow().stream().map(Appended::kioskId).toList());
        assertTrue(streams.setConfig("K-2", JsonNodeFactory.instance.objectNode()).isEmpty());
        assertTrue(streams.setConfig("K-none", JsonNodeFactory.instance.objectNode()).isEmpty());
    }

    @Test
    void aRatingClosesTheAppealAndIsListed() {
        store.enroll("K-1");
        Push.Record filed = Records.appealFiled("T-1");
        store.receive("K-1", List.of(filed));
        HubStore.AppealRow before = store.appeals().getFirst();
        assertNull(before.rating());
        assertFalse(before.followUp());
        HubStore.Receipt r = store.receive("K-1", List.of(Records.appealRated(filed, 2, true)));
        assertEquals(1, r.acked().size());
        HubStore.AppealRow after = store.appeals().getFirst();
        assertEquals("CLOSED", after.status());
        assertEquals(2, after.rating());
        assertTrue(after.followUp());
    }

    @Test
    void aHubDataDirectoryFromBeforeKeepsItsStreamsSeqsAfterTheUpgrade(@TempDir Path old) throws Exception {
        String url = "jdbc:sqlite:" + old.resolve(HubDatabase.FILE_NAME).toAbsolutePath();
        org.flywaydb.core.Flyway.configure().dataSource(url, null, null).locations("classpath:db/hub").target("1")
                .load().migrate();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO kiosk (id, credential_hash, enrolled_at) VALUES ('K-1', 'x', '2026-11-01T00:00:00Z')");
            for (int seq = 1; seq <= 3; seq++) {
                st.executeUpdate("INSERT INTO stream_item (kiosk_id, stream, seq, kind, body, created_at) VALUES"
                        + " ('K-1', 'appeal-status', " + seq + ", 'appeal.status', '{}', '2026-11-01T00:00:00Z')");
            }
        }
        try (HubStore upgraded = HubStore.open(old, clock)) {
            assertEquals(3, upgraded.lastSeq("K-1", Streams.APPEAL_STATUS));
            assertEquals(3, upgraded.itemsAfter("K-1", Streams.APPEAL_STATUS, 0, 10).size(), "bodies kept (V5)");
            assertEquals(4, upgraded.appendItem("K-1", Streams.APPEAL_STATUS, Streams.KIND_APPEAL_STATUS,
                    JsonNodeFactory.instance.objectNode()));
        }
    }

    @Test
    void pruningKeepsTheCatalogVersionAKioskHoldsForItsNextDelta() {
        store.enroll("K-1");
        streams.publishCatalog(v1());
        streams.publishCatalog(v2());
        store.prune(Duration.ofDays(30));
        assertEquals(2L, streams.catalogVersionOf("K-1").orElseThrow());
        ObjectNode v3 = v2().put("version", 3);
        ((ObjectNode) v3.get("items").get(0)).put("popularity", 5);
        assertEquals(Streams.KIND_CATALOG_DELTA, streams.publishCatalog(v3).orElseThrow().getFirst().kind(),
                "the version K-1 holds is kept for its next delta");
    }
}
