package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.jinban.sync.hub.testing.Records;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.Push;
import org.jinban.sync.protocol.Streams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubStoreTest {
    @TempDir
    Path data;
    private HubStore store;

    @BeforeEach
    void open() {
        store = HubStore.open(data, Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aCredentialIsCheckedAgainstItsHashAndRevocationEndsIt() {
        String credential = store.enroll("K-1").orElseThrow();
        assertTrue(store.enroll("K-1").isEmpty(), "an id is enrolled once");
        assertTrue(store.authenticate("K-1", credential));
        assertFalse(store.authenticate("K-1", credential + "x"));
        assertFalse(store.authenticate("K-2", credential));
        assertTrue(store.revoke("K-1"));
        assertFalse(store.authenticate("K-1", credential));
        assertFalse(store.revoke("K-none"));
    }

    @Test
    void aRecordIsStoredOnceByIdAndAnInvalidOneRejected() {
        store.enroll("K-1");
        Push.Record filed = Records.appealFiled("T-1");
        Push.Record bad = Records.appealFiledWithoutTrackingNo();
        HubStore.Receipt first = store.receive("K-1", List.of(filed, bad));
        assertEquals(List.of(filed.id()), first.acked());
        assertEquals(bad.id(), first.rejected().getFirst().id());
        HubStore.Receipt again = store.receive("K-1", List.of(filed));
        assertEquals(List.of(filed.id()), again.acked());
        assertEquals(1, store.appeals().size());
    }

    @Test
    void aSecondAppealWithATakenTrackingNumberIsRejected() {
        store.enroll("K-1");
        store.receive("K-1", List.of(Records.appealFiled("T-1")));
        HubStore.Receipt r = store.receive("K-1", List.of(Records.appealFiled("T-1")));
        assertTrue(r.acked().isEmpty());
        assertEquals(1, r.rejected().size());
    }

    @Test
    void aStatusChangeBecomesTheNextItemOfTheOwningKiosksStream() {
        store.enroll("K-1");
        store.receive("K-1", List.of(Records.appealFiled("T-1")));
        HubStore.StatusChange change = new HubStore.StatusChange("RECEIVED", "street", "城管", null, "已受理");
        assertEquals(new HubStore.StatusItem("K-1", 1), store.changeStatus("T-1", change).orElseThrow());
        assertEquals(new HubStore.StatusItem("K-1", 2), store.changeStatus("T-1", change).orElseThrow());
        assertTrue(store.changeStatus("T-none", change).isEmpty());
        List<Deliver.Item> items = store.itemsAfter("K-1", Streams.APPEAL_STATUS, 1, 100);
        assertEquals(1, items.size());
        assertEquals(2, items.getFirst().seq());
        assertEquals("RECEIVED", store.appeals().getFirst().status());
    }

    @Test
    void concurrentAppendsGetSequenceNumbersWithoutGapsPerKioskAndStream() throws Exception {
        store.enroll("K-1");
        store.enroll("K-2");
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Long>> seqs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String kiosk = i % 2 == 0 ? "K-1" : "K-2";
            seqs.add(pool.submit(() -> store.appendItem(kiosk, Streams.CONFIG, Streams.KIND_CONFIG_SNAPSHOT,
                    JsonNodeFactory.instance.objectNode())));
        }
        for (Future<Long> f : seqs) {
            f.get();
        }
        pool.shutdown();
        for (String kiosk : List.of("K-1", "K-2")) {
            assertEquals(LongStream.rangeClosed(1, 30).boxed().toList(),
                    store.itemsAfter(kiosk, Streams.CONFIG, 0, 100).stream().map(Deliver.Item::seq).toList());
        }
        assertEquals(0, store.lastSeq("K-1", Streams.CATALOG));
    }

    @Test
    void cursorsAndQueueFiguresAreKept() {
        store.enroll("K-1");
        store.saveCursor("K-1", Streams.ROSTER, 7);
        store.saveCursor("K-1", Streams.ROSTER, 8);
        assertEquals(8L, store.cursors("K-1").get(Streams.ROSTER));
        store.contact("K-1", 12L, 40L);
        store.contact("K-1", null, null);
        HubStore.KioskRow row = store.kiosks().getFirst();
        assertEquals(12L, row.queue());
        assertEquals(40L, row.oldestUnsentSeconds());
        assertEquals(Instant.parse("2026-11-23T08:00:00Z"), row.lastContactAt());
    }

    @Test
    void reopeningKeepsEverything() {
        store.enroll("K-1");
        store.receive("K-1", List.of(Records.appealFiled("T-1")));
        store.close();
        store = HubStore.open(data, Clock.systemUTC());
        assertEquals(1, store.appeals().size());
    }
}
