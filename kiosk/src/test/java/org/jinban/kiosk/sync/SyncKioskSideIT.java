package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.appeal.AppealStore;
import org.jinban.kiosk.audit.AuditLog;
import org.jinban.kiosk.outbox.Outbox;
import org.jinban.kiosk.outbox.OutboxMessage;
import org.jinban.kiosk.outbox.OutboxQueue;
import org.jinban.kiosk.privacy.KioskSecret;
import org.jinban.kiosk.testing.RunningKiosk;
import org.jinban.kiosk.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's side of the sync against a real kiosk's database: the outbox as the client sends
 * it, the platform's answers, and status items applied with their cursor in one transaction.
 */
@Timeout(60)
class SyncKioskSideIT {
    @TempDir
    Path dir;
    RunningKiosk kiosk;
    TestClock clock = TestClock.shanghai("2026-11-23T02:00:00Z");
    OutboxQueue queue;
    SyncCursors cursors;
    AppealStatusStream statuses;

    @BeforeEach
    void start() {
        kiosk = RunningKiosk.start(dir, AppealConfig.defaults(), clock);
        KioskSecret secret = KioskSecret.loadOrCreate(dir.resolve("data").resolve("secret").resolve("kiosk.key"));
        queue = new OutboxQueue(kiosk.kiosk().database(), secret.cipher(), clock);
        cursors = new SyncCursors(kiosk.kiosk().database());
        AppealStore store = new AppealStore(kiosk.kiosk().database(), secret.cipher(), new AuditLog(clock), new Outbox(),
                Kiosk.objectMapper());
        statuses = new AppealStatusStream(store, cursors, Kiosk.objectMapper(), clock);
    }

    @AfterEach
    void stop() {
        kiosk.close();
    }

    private JsonNode file(String description) throws Exception {
        return kiosk.json(kiosk.post("/api/v1/appeals", kiosk.toJson(Map.of("id", UUID.randomUUID().toString(),
                "category", "URBAN-STREETLIGHT", "description", description, "phone", "13812345678",
                "consent", true))));
    }

    @Test
    void theOutboxGoesOutInOrderWithItsPersonalPartAndTheAnswersAreKept() throws Exception {
        file("第一件");
        file("第二件");
        List<OutboxMessage> batch = queue.nextBatch(100);
        assertEquals(List.of("appeal.filed", "audit.appended", "appeal.filed", "audit.appended"),
                batch.stream().map(OutboxMessage::kind).toList());
        assertTrue(batch.get(0).seq() < batch.get(2).seq());
        assertTrue(batch.get(0).personal().contains("第一件") && batch.get(0).personal().contains("13812345678"));
        assertFalse(batch.get(0).payload().contains("第一件"), "the payload holds nothing personal");
        assertFalse(batch.get(0).toString().contains("第一件"));
        assertEquals(4, queue.pendingCount());
        assertEquals(clock.instant(), queue.oldestPending().orElseThrow());

        queue.acked(List.of(batch.get(0).id(), batch.get(1).id()));
        queue.rejected(batch.get(3).id(), "invalid: test");
        queue.acked(List.of(batch.get(3).id())); // a late ack does not revive a refused message
        assertEquals(List.of(batch.get(2).id()), queue.nextBatch(100).stream().map(OutboxMessage::id).toList());
        try (Connection c = kiosk.kiosk().database().connection(); Statement st = c.createStatement()) {
            assertEquals("FAILED|invalid: test", one(st, "SELECT state || '|' || last_error FROM outbox WHERE id = '"
                    + batch.get(3).id() + "'"));
            assertEquals("1", one(st, "SELECT count(*) FROM appeal WHERE acknowledged_at IS NOT NULL"),
                    "the platform's ack of appeal.filed acknowledges that appeal, and only it");
        }
    }

    @Test
    void aStatusItemAndItsCursorAreAppliedTogetherAndBadItemsAreRefused() throws Exception {
        JsonNode filed = file("路灯不亮");
        String id = appealId(filed.get("trackingNo").asText());
        assertEquals(0, cursors.cursor(AppealStatusStream.STREAM));
        assertTrue(statuses.apply(1, "{\"appealId\":\"" + id + "\",\"status\":\"DISPATCHED\",\"handlingLevel\":\"STREET\","
                + "\"department\":\"圣城街道城管办\"}"));
        assertEquals(1, cursors.cursor(AppealStatusStream.STREAM));
        JsonNode view = kiosk.json(kiosk.get("/api/v1/appeals/" + filed.get("trackingNo").asText() + "?verifier="
                + filed.get("verifier").asText()));
        assertEquals("DISPATCHED", view.get("status").asText());
        assertEquals("圣城街道城管办", view.get("timeline").get(1).get("department").asText());

        for (String bad : new String[] {"not json", "{}", "{\"appealId\":\"" + id + "\",\"status\":\"FLYING\"}",
                "{\"appealId\":\"" + id + "\",\"status\":\"SUBMITTED\"}",
                "{\"appealId\":\"" + id + "\",\"status\":\"RECEIVED\",\"handlingLevel\":\"MOON\"}",
                "{\"appealId\":\"no-such\",\"status\":\"RECEIVED\"}"}) {
            assertThrows(AppealStatusStream.CannotApply.class, () -> statuses.apply(2, bad), bad);
            assertEquals(1, cursors.cursor(AppealStatusStream.STREAM), "a refused item moves nothing");
        }
        assertTrue(statuses.apply(2, "{\"appealId\":\"" + id + "\",\"status\":\"REJECTED\",\"reason\":\"重复反映\"}"));
        assertFalse(statuses.apply(3, "{\"appealId\":\"" + id + "\",\"status\":\"IN_PROGRESS\"}"),
                "a rejected appeal stays rejected");
        assertEquals(3, cursors.cursor(AppealStatusStream.STREAM));
        cursors.reset(AppealStatusStream.STREAM);
        assertEquals(0, cursors.cursor(AppealStatusStream.STREAM));
    }

    private String appealId(String trackingNo) throws Exception {
        try (Connection c = kiosk.kiosk().database().connection(); Statement st = c.createStatement()) {
            return one(st, "SELECT id FROM appeal WHERE tracking_no = '" + trackingNo + "'");
        }
    }

    private static String one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
