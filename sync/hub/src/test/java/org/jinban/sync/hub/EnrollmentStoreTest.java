package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.jinban.sync.hub.EnrollmentStore.Reason;
import org.jinban.sync.hub.EnrollmentStore.Redemption;
import org.jinban.sync.hub.EnrollmentStore.Station;
import org.jinban.sync.hub.testing.Catalogs;
import org.jinban.sync.hub.testing.Records;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.Streams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollmentStoreTest {
    private static final Station STATION = new Station("K-1", "东城社区便民服务站", "寿光市东城街道1号", "370783001001");

    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private HubStore hub;
    private EnrollmentStore store;

    @BeforeEach
    void open() {
        hub = HubStore.open(data, clock);
        store = EnrollmentStore.open(data, clock);
    }

    @AfterEach
    void close() {
        store.close();
        hub.close();
    }

    @Test
    void aCodeEnrollsItsKioskOnceWithAWorkingCredential() {
        EnrollmentStore.IssuedCode issued = store.issue(STATION, Duration.ofHours(1));
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"), issued.expiresAt());
        Redemption.Enrolled enrolled = assertInstanceOf(Redemption.Enrolled.class,
                store.redeem(issued.code().toLowerCase()));
        assertEquals(STATION, enrolled.station());
        assertTrue(hub.authenticate("K-1", enrolled.credential()));
        assertEquals(new Redemption.Failed(Reason.USED), store.redeem(issued.code()));
        assertTrue(hub.authenticate("K-1", enrolled.credential()), "a second try changes nothing");
    }

    @Test
    void onlyTheHashOfACodeIsStored() throws Exception {
        String code = store.issue(STATION, Duration.ofHours(1)).code();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(HubDatabase.FILE_NAME));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM enrollment_code")) {
            assertTrue(rs.next());
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String v = rs.getString(i);
                assertTrue(v == null || (!v.contains(code) && !v.contains(code.replace("-", ""))), "column " + i);
            }
        }
    }

    @Test
    void anExpiredOrUnknownCodeEnrollsNothing() {
        String code = store.issue(STATION, Duration.ofMinutes(10)).code();
        clock.advance(Duration.ofMinutes(10));
        assertEquals(new Redemption.Failed(Reason.EXPIRED), store.redeem(code));
        assertEquals(new Redemption.Failed(Reason.UNKNOWN), store.redeem("2222-2222"));
        assertEquals(new Redemption.Failed(Reason.UNKNOWN), store.redeem("not a code"));
        assertTrue(hub.kiosks().isEmpty());
    }

    @Test
    void aNewCodeForAKioskReplacesItsUnusedOneAndAnEnrolledKioskGetsNone() {
        String first = store.issue(STATION, Duration.ofHours(1)).code();
        String second = store.issue(STATION, Duration.ofHours(1)).code();
        assertEquals(new Redemption.Failed(Reason.UNKNOWN), store.redeem(first));
        assertInstanceOf(Redemption.Enrolled.class, store.redeem(second));
        assertNull(store.issue(STATION, Duration.ofHours(1)), "the kiosk is enrolled already");
        hub.enroll("K-2");
        String late = store.issue(new Station("K-3", "s", "a", "g"), Duration.ofHours(1)).code();
        hub.enroll("K-3"); // enrolled by the admin API between issue and redemption
        assertEquals(new Redemption.Failed(Reason.KIOSK_EXISTS), store.redeem(late));
    }

    @Test
    void aRevokedKioskIdIsEnrolledAgainWithANewCredentialAndKeyAndItsStreamsStartOver() {
        String oldKey = "b2xkLWtleQ==";
        String newKey = "bmV3LWtleQ==";
        Redemption.Enrolled first = assertInstanceOf(Redemption.Enrolled.class,
                store.redeem(store.issue(STATION, Duration.ofHours(1)).code(), oldKey));
        StreamStore streams = hub.streams();
        streams.publishCatalog(Catalogs.document(1, Catalogs.item("JB-001", "事项一")));
        streams.publishCatalog(Catalogs.document(2, Catalogs.item("JB-001", "事项一"), Catalogs.item("JB-002", "事项二")));
        streams.setConfig("K-1", JsonNodeFactory.instance.objectNode().set("values",
                JsonNodeFactory.instance.objectNode().put("kiosk.ui.idle-timeout", "PT90S")));
        hub.appendItem("K-1", Streams.COMMAND, Streams.KIND_COMMAND, JsonNodeFactory.instance.objectNode());
        hub.saveCursor("K-1", Streams.CATALOG, 2);
        hub.saveCursor("K-1", Streams.COMMAND, 1);
        hub.contact("K-1", 3L, 60L);
        assertEquals(2, hub.lastSeq("K-1", Streams.CATALOG));
        assertNull(first.lastTrackingNo(), "a kiosk enrolled for the first time has filed nothing");
        hub.receive("K-1", List.of(Records.appealFiled("370783001001-01-261123-00018"),
                Records.appealFiled("370783001001-01-261123-00027")));
        clock.advance(Duration.ofSeconds(1));
        hub.receive("K-1", List.of(Records.appealFiled("370783001001-01-261123-00036")));

        assertNull(store.issue(STATION, Duration.ofHours(1)), "an active kiosk id gets no code");
        assertTrue(hub.revoke("K-1"));
        clock.advance(Duration.ofMinutes(5));
        String code = store.issue(STATION, Duration.ofHours(1)).code();
        Redemption.Enrolled again = assertInstanceOf(Redemption.Enrolled.class, store.redeem(code, newKey));

        assertEquals(STATION, again.station());
        assertEquals("370783001001-01-261123-00036", again.lastTrackingNo(),
                "the kiosk's numbering goes on past the last number the centre holds from it");
        assertTrue(hub.authenticate("K-1", again.credential()));
        assertFalse(hub.authenticate("K-1", first.credential()), "the former credential stays refused");
        HubStore.KioskRow row = hub.kiosk("K-1").orElseThrow();
        assertFalse(row.revoked());
        assertEquals(newKey, row.publicKey());
        assertNull(row.lastContactAt());
        assertNull(row.queue());
        assertEquals(1, hub.kiosks().size(), "still one kiosk K-1");
        assertTrue(hub.cursors("K-1").isEmpty(), "the former kiosk's cursors are forgotten");
        List<Deliver.Item> catalog = hub.itemsAfter("K-1", Streams.CATALOG, 0, 10);
        assertEquals(1, catalog.size());
        assertEquals(Streams.KIND_CATALOG_SNAPSHOT, catalog.getFirst().kind());
        assertEquals(2, catalog.getFirst().body().get("version").asLong(), "the latest version, whole");
        List<Deliver.Item> config = hub.itemsAfter("K-1", Streams.CONFIG, 0, 10);
        assertEquals(1, config.size(), "its central config, from seq 1");
        assertEquals("PT90S", config.getFirst().body().get("values").get("kiosk.ui.idle-timeout").asText());
        assertEquals(0, hub.lastSeq("K-1", Streams.COMMAND), "no old command is sent again");
        assertEquals(new Redemption.Failed(Reason.USED), store.redeem(code, newKey));
        assertNull(store.issue(STATION, Duration.ofHours(1)), "active again: no further code until revoked");
    }

    @Test
    void ofRacingRedemptionsExactlyOneEnrolls() throws Exception {
        String code = store.issue(STATION, Duration.ofHours(1)).code();
        int racers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Redemption>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                Callable<Redemption> racer = () -> {
                    go.await();
                    return store.redeem(code);
                };
                results.add(pool.submit(racer));
            }
            go.countDown();
            int enrolled = 0;
            for (Future<Redemption> r : results) {
                Redemption outcome = r.get();
                if (outcome instanceof Redemption.Enrolled) {
                    enrolled++;
                } else {
                    assertEquals(new Redemption.Failed(Reason.USED), outcome);
                }
            }
            assertEquals(1, enrolled);
        }
        assertEquals(1, hub.kiosks().size());
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
