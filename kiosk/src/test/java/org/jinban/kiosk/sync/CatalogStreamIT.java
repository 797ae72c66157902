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
import org.jinban.kiosk.catalog.CatalogStore;
import org.jinban.kiosk.testing.RunningKiosk;
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
        port = new KioskSyncPort(null, cursors, null, new CatalogStream(store, json), null, Clock.systemUTC());
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
}
