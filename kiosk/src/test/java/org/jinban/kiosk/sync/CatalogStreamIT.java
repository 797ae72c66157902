package org.jinban.kiosk.sync;

import static org.jinban.kiosk.testing.CatalogFixtures.catalog;
import static org.jinban.kiosk.testing.CatalogFixtures.item;
import static org.jinban.kiosk.testing.RunningKiosk.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.CatalogStore;
import org.jinban.kiosk.testing.RunningKiosk;
import org.jinban.sync.protocol.CatalogParts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The catalog stream against a running kiosk: what it applies is served at once, with its cursor. */
@Timeout(60)
class CatalogStreamIT {
    @TempDir
    Path dir;
    RunningKiosk kiosk;
    SyncCursors cursors;
    CatalogStore store;
    KioskSyncPort port;
    final ObjectMapper json = Kiosk.objectMapper();

    @BeforeEach
    void start() throws Exception {
        kiosk = RunningKiosk.start(dir, catalog(1,
                item("JB-001", "老年人优待证办理", "Senior citizen privilege card").popularity(90),
                item("JB-003", "居住证办理", "Residence permit").lifeEvents("residence-id").popularity(70)),
                Optional.empty());
        cursors = new SyncCursors(kiosk.kiosk().database());
        store = new CatalogStore(kiosk.kiosk().database(), json);
        port = new KioskSyncPort(null, cursors, null, new CatalogStream(kiosk.kiosk().database(), store, json), null,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        kiosk.close();
    }

    private List<String> found(String q) throws Exception {
        List<String> codes = new ArrayList<>();
        kiosk.json(kiosk.get("/api/v1/catalog/search?q=" + enc(q))).get("items")
                .forEach(i -> codes.add(i.get("code").asText()));
        return codes;
    }

    private String delta(long previous, long version, List<?> upserts, List<String> removes) throws Exception {
        return json.writeValueAsString(Map.of("version", version, "previousVersion", previous, "upserts", upserts,
                "removes", removes));
    }

    @Test
    void deltasAreServedAtOnceAndMoveTheCursor() throws Exception {
        port.apply("catalog", 1, "catalog.delta", delta(1, 2,
                List.of(item("JB-009", "助餐补贴申请", "Meal subsidy").build()), List.of()));
        assertEquals(1, cursors.cursor("catalog"));
        assertEquals(List.of("JB-009"), found("zcbt"));
        assertEquals(200, kiosk.get("/api/v1/catalog/items/JB-009").statusCode());

        port.apply("catalog", 2, "catalog.delta", delta(2, 3, List.of(), List.of("JB-003")));
        assertEquals(2, cursors.cursor("catalog"));
        assertEquals(List.of(), found("居住证"));
        assertEquals(404, kiosk.get("/api/v1/catalog/items/JB-003").statusCode());
        assertEquals(Optional.of(3L), store.version());
    }

    @Test
    void aDeltaThatCannotBeAppliedLeavesCatalogAndCursorAlone() throws Exception {
        AppealStatusStream.CannotApply e = assertThrows(AppealStatusStream.CannotApply.class, () -> port.apply(
                "catalog", 1, "catalog.delta", delta(5, 6, List.of(), List.of("JB-003"))));
        assertTrue(e.getMessage().contains("against version 5"), e.getMessage());
        assertThrows(AppealStatusStream.CannotApply.class, () -> port.apply("catalog", 1, "catalog.delta", "[1]"));
        assertThrows(AppealStatusStream.CannotApply.class, () -> port.apply("catalog", 1, "catalog.other", "{}"));
        // an item is bound only when it is indexed, inside the transaction: one that does not bind
        // (or fails the checks) rolls back the items indexed before it, and the removal with them
        List<Object> upserts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            upserts.add(item(String.format("JB-B%03d", i), "批量事项第" + i + "号", "Batch item " + i).build());
        }
        Map<String, Object> planet = new java.util.HashMap<>(json.convertValue(upserts.getLast(), Map.class));
        planet.put("handlingLevel", "PLANET");
        upserts.set(upserts.size() - 1, planet);
        e = assertThrows(AppealStatusStream.CannotApply.class, () -> port.apply("catalog", 1, "catalog.delta",
                delta(1, 2, upserts, List.of("JB-003"))));
        assertTrue(e.getMessage().contains("upserts[299]") && e.getMessage().contains("PLANET"), e.getMessage());
        upserts.set(upserts.size() - 1, item("JB-B299", "批量事项", "Batch item").department("no-such-bureau").build());
        e = assertThrows(AppealStatusStream.CannotApply.class, () -> port.apply("catalog", 1, "catalog.delta",
                delta(1, 2, upserts, List.of("JB-003"))));
        assertTrue(e.getMessage().contains("no-such-bureau"), e.getMessage());
        assertEquals(List.of(), found("批量事项"));
        assertEquals(2, store.itemCount());
        assertEquals(0, cursors.cursor("catalog"));
        assertEquals(List.of("JB-003"), found("居住证"));
        assertEquals(Optional.of(1L), store.version());
    }

    @Test
    void aSnapshotReplacesEverythingAndIsSafeToTakeAgain() throws Exception {
        String snapshot = json.writeValueAsString(catalog(4, item("JB-020", "高龄津贴申请", "Old-age allowance")));
        port.apply("catalog", 1, "catalog.snapshot", snapshot);
        assertEquals(1, cursors.cursor("catalog"));
        assertEquals(List.of(), found("居住证"));
        assertEquals(404, kiosk.get("/api/v1/catalog/items/JB-001").statusCode());
        assertEquals(List.of("JB-020"), found("gljt"));

        port.resync("catalog");
        port.apply("catalog", 1, "catalog.snapshot", snapshot);
        assertEquals(1, cursors.cursor("catalog"));
        assertEquals(Optional.of(4L), store.version());
        assertEquals(1, store.itemCount());

        String broken = snapshot.replace("\"P5D\"", "\"five days\"");
        assertThrows(AppealStatusStream.CannotApply.class, () -> port.apply("catalog", 2, "catalog.snapshot", broken));
        assertEquals(1, cursors.cursor("catalog"));
        assertEquals(List.of("JB-020"), found("gljt"));
    }

    /** A delta of {@code count} new items, large enough to need parts. */
    private String largeDelta(long previous, long version, int count) throws Exception {
        List<Object> upserts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            upserts.add(item(String.format("JB-P%04d", i), "分段送达事项第" + i + "号", "Item in parts " + i)
                    .material("居民身份证原件及复印件一份，户口簿原件", "ID card and household register").build());
        }
        upserts.add(item("JB-PART", "长者助浴上门预约", "Home bathing help").build());
        return delta(previous, version, upserts, List.of());
    }

    private List<CatalogParts.Part> parts(long version, String body) {
        List<CatalogParts.Part> parts = CatalogParts.split(version, body);
        assertTrue(parts.size() >= 3, "the body must need several parts: " + parts.size());
        return parts;
    }

    private int kept() {
        return kiosk.kiosk().database().read("count parts", StagedCatalogParts::count);
    }

    @Test
    void aVersionInPartsIsSearchableOnlyOnceItsLastPartIsApplied() throws Exception {
        List<CatalogParts.Part> parts = parts(2, largeDelta(1, 2, 600));
        for (int i = 0; i < parts.size() - 1; i++) {
            port.apply("catalog", i + 1, CatalogParts.KIND_DELTA_PART, parts.get(i).body().toString());
            assertEquals(i + 1, cursors.cursor("catalog"), "each part moves the cursor with it");
            assertEquals(i + 1, kept());
        }
        assertEquals(List.of(), found("长者助浴"), "residents search the version held until the last part");
        assertEquals(Optional.of(1L), store.version());
        long keptPages = pragma("SELECT sum(length(slice)) FROM catalog_part") / pragma("PRAGMA page_size");
        assertTrue(keptPages >= 50, "the parts fill pages: " + keptPages);

        // the kiosk restarts between two parts: what it kept is in the database, not in memory
        CatalogStore reopened = new CatalogStore(kiosk.kiosk().database(), json);
        KioskSyncPort again = new KioskSyncPort(null, cursors, null,
                new CatalogStream(kiosk.kiosk().database(), reopened, json), null, Clock.systemUTC());
        again.apply("catalog", parts.size(), CatalogParts.KIND_DELTA_PART, parts.getLast().body().toString());

        assertEquals(parts.size(), cursors.cursor("catalog"));
        assertEquals(0, kept(), "the applied body's parts are forgotten in its transaction");
        assertEquals(List.of("JB-PART"), found("长者助浴"));
        assertEquals(Optional.of(2L), reopened.version());
        assertEquals(603, reopened.itemCount());
        long free = pragma("PRAGMA freelist_count");
        assertTrue(free < keptPages / 10, "the parts are forgotten first, so the version's rows take their pages: "
                + free + " of " + keptPages + " pages left free");
    }

    private long pragma(String sql) {
        return kiosk.kiosk().database().read(sql, c -> {
            try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aLargeChangeIsFollowedByOneCollectionThatGivesTheHeapBack() throws Exception {
        java.util.concurrent.atomic.AtomicInteger collections = new java.util.concurrent.atomic.AtomicInteger();
        store.onLargeChange(collections::incrementAndGet);
        List<CatalogParts.Part> parts = parts(2, largeDelta(1, 2, CatalogStore.LARGE_CHANGE));
        for (int i = 0; i < parts.size(); i++) {
            port.apply("catalog", i + 1, CatalogParts.KIND_DELTA_PART, parts.get(i).body().toString());
            assertEquals(i == parts.size() - 1 ? 1 : 0, collections.get(), "only once the version is applied");
        }
        port.apply("catalog", parts.size() + 1, "catalog.delta", delta(2, 3, List.of(), List.of("JB-003")));
        assertEquals(1, collections.get(), "one removal is not a large change");
    }

    @Test
    void aSnapshotInPartsReplacesTheCatalogAndPartOneStartsABodyOver() throws Exception {
        CatalogDocument big = catalog(7, java.util.stream.IntStream.range(0, 700).mapToObj(i ->
                item(String.format("JB-S%04d", i), "整本目录事项第" + i + "号", "Snapshot item " + i)
                        .material("居民身份证原件及复印件一份，户口簿原件", "ID card and household register"))
                .toArray(org.jinban.kiosk.testing.CatalogFixtures.ItemBuilder[]::new));
        List<CatalogParts.Part> parts = parts(7, json.writeValueAsString(big));
        port.apply("catalog", 1, CatalogParts.KIND_SNAPSHOT_PART, parts.get(0).body().toString());
        port.apply("catalog", 2, CatalogParts.KIND_SNAPSHOT_PART, parts.get(1).body().toString());
        // the hub rebuilt the stream (a resync): it starts again from part 1
        port.resync("catalog");
        for (int i = 0; i < parts.size(); i++) {
            port.apply("catalog", i + 1, CatalogParts.KIND_SNAPSHOT_PART, parts.get(i).body().toString());
        }
        assertEquals(parts.size(), cursors.cursor("catalog"));
        assertEquals(0, kept());
        assertEquals(Optional.of(7L), store.version());
        assertEquals(700, store.itemCount());
        assertEquals(List.of(), found("居住证"));
    }

    @Test
    void partsThatWouldMakeABodyLargerThanAKioskTakesAreRefused() {
        String slice = "x".repeat(CatalogParts.MAX_SLICE_BYTES);
        int fit = CatalogParts.MAX_BODY_BYTES / CatalogParts.MAX_SLICE_BYTES; // 341 slices fill 64 MiB
        for (int i = 1; i <= fit; i++) {
            port.apply("catalog", i, CatalogParts.KIND_SNAPSHOT_PART,
                    new CatalogParts.Part(9, i, fit + 2, slice).body().toString());
        }
        AppealStatusStream.CannotApply e = assertThrows(AppealStatusStream.CannotApply.class, () -> port.apply(
                "catalog", fit + 1, CatalogParts.KIND_SNAPSHOT_PART,
                new CatalogParts.Part(9, fit + 1, fit + 2, slice).body().toString()));
        assertTrue(e.getMessage().contains("more than this kiosk takes"), e.getMessage());
        assertEquals(0, kept(), "the body can never be whole: its parts are forgotten");
        assertEquals(Optional.of(1L), store.version());
    }

    @Test
    void aPartThatDoesNotContinueThePartsKeptIsRefusedAndTheyAreForgotten() throws Exception {
        List<CatalogParts.Part> parts = parts(2, largeDelta(1, 2, 600));
        port.apply("catalog", 1, CatalogParts.KIND_DELTA_PART, parts.get(0).body().toString());

        AppealStatusStream.CannotApply skipped = assertThrows(AppealStatusStream.CannotApply.class, () ->
                port.apply("catalog", 2, CatalogParts.KIND_DELTA_PART, parts.get(2).body().toString()));
        assertTrue(skipped.getMessage().contains("does not follow the 1 parts kept"), skipped.getMessage());
        assertEquals(1, cursors.cursor("catalog"), "a refused part does not move the cursor (the client passes it over)");
        assertEquals(0, kept());

        port.apply("catalog", 1, CatalogParts.KIND_DELTA_PART, parts.get(0).body().toString());
        CatalogParts.Part otherVersion = new CatalogParts.Part(3, 2, parts.size(), parts.get(1).text());
        AppealStatusStream.CannotApply mixed = assertThrows(AppealStatusStream.CannotApply.class, () ->
                port.apply("catalog", 2, CatalogParts.KIND_DELTA_PART, otherVersion.body().toString()));
        assertTrue(mixed.getMessage().contains("does not continue"), mixed.getMessage());
        port.apply("catalog", 1, CatalogParts.KIND_DELTA_PART, parts.get(0).body().toString());
        assertThrows(AppealStatusStream.CannotApply.class, () ->
                port.apply("catalog", 2, CatalogParts.KIND_SNAPSHOT_PART, parts.get(1).body().toString()));
        assertEquals(0, kept());

        for (String bad : List.of("{\"version\":2,\"part\":1,\"parts\":3}", "[]", "{\"version\":2,\"part\":4,"
                + "\"parts\":3,\"text\":\"x\"}")) {
            AppealStatusStream.CannotApply e = assertThrows(AppealStatusStream.CannotApply.class, () ->
                    port.apply("catalog", 1, CatalogParts.KIND_DELTA_PART, bad));
            assertTrue(e.getMessage().startsWith("the body is not a catalog.delta.part"), e.getMessage());
        }
        // joined parts that are not a delta: refused whole, nothing changed
        String notADelta = "{\"version\": 2, \"previousVersion\": 1, \"upserts\": [" + "{}, ".repeat(100_000) + "{}]}";
        List<CatalogParts.Part> junk = CatalogParts.split(2, notADelta);
        for (int i = 0; i < junk.size() - 1; i++) {
            port.apply("catalog", i + 1, CatalogParts.KIND_DELTA_PART, junk.get(i).body().toString());
        }
        assertThrows(AppealStatusStream.CannotApply.class, () -> port.apply("catalog", junk.size(),
                CatalogParts.KIND_DELTA_PART, junk.getLast().body().toString()));
        assertEquals(0, kept());
        assertEquals(Optional.of(1L), store.version());
        assertEquals(List.of("JB-003"), found("居住证"));
    }
}
