package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.jinban.sync.hub.testing.AdminClient;
import org.jinban.sync.hub.testing.Records;
import org.jinban.sync.hub.testing.ScriptedKiosk;
import org.jinban.sync.protocol.Ack;
import org.jinban.sync.protocol.CloseCodes;
import org.jinban.sync.protocol.Cursor;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.ErrorMessage;
import org.jinban.sync.protocol.Hello;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.Push;
import org.jinban.sync.protocol.Streams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real hub on a free loopback port, driven by scripted kiosks over real WebSockets. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HubIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path data;
    private HubStore store;
    private HubServer hub;
    private WebSocketClient client;
    private AdminClient admin;

    @BeforeEach
    void start() throws Exception {
        store = HubStore.open(data, Clock.systemUTC());
        hub = HubServer.start(new HubConfig(0, data, 1, 100), store);
        client = new WebSocketClient();
        client.start();
        admin = new AdminClient(hub.adminUri());
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        hub.close();
        store.close();
    }

    private ScriptedKiosk welcomed(String kioskId, String credential, Map<String, Long> cursors) throws Exception {
        return ScriptedKiosk.welcomed(client, hub.syncUri(), kioskId, credential, cursors);
    }

    private ScriptedKiosk helloWith(String kioskId, String credential) throws Exception {
        ScriptedKiosk k = ScriptedKiosk.connect(client, hub.syncUri());
        k.send(new Hello(Message.newId(), kioskId, credential, List.of(1), Map.of()));
        return k;
    }

    private static Set<UUID> ids(List<Push.Record> records) {
        return records.stream().map(Push.Record::id).collect(Collectors.toSet());
    }

    @Test
    void aWrongOrUnknownCredentialIsClosed4001() throws Exception {
        admin.enroll("K-1");
        try (ScriptedKiosk k = helloWith("K-1", "not-the-credential")) {
            assertEquals("unauthorized", k.next(ErrorMessage.class).code());
            assertEquals(CloseCodes.UNAUTHORIZED, k.closeCode(WAIT));
        }
        try (ScriptedKiosk k = helloWith("K-unknown", "x")) {
            assertEquals(CloseCodes.UNAUTHORIZED, k.closeCode(WAIT));
        }
    }

    @Test
    void aRevokedKioskIsClosed4001EvenIfConnected() throws Exception {
        String credential = admin.enroll("K-1");
        try (ScriptedKiosk k = welcomed("K-1", credential, Map.of())) {
            assertEquals(200, admin.post("/kiosks/K-1/revoke", "").status());
            assertEquals(CloseCodes.UNAUTHORIZED, k.closeCode(WAIT));
        }
        try (ScriptedKiosk k = helloWith("K-1", credential)) {
            assertEquals("unauthorized", k.next(ErrorMessage.class).code());
            assertEquals(CloseCodes.UNAUTHORIZED, k.closeCode(WAIT));
        }
    }

    @Test
    void anythingButHelloFirstIsClosed4001() throws Exception {
        try (ScriptedKiosk k = ScriptedKiosk.connect(client, hub.syncUri())) {
            k.send(new Push(Message.newId(), List.of(Records.deviceHealth())));
            assertEquals(CloseCodes.UNAUTHORIZED, k.closeCode(WAIT));
        }
    }

    @Test
    void anotherVersionIsClosed4002() throws Exception {
        try (ScriptedKiosk k = ScriptedKiosk.connect(client, hub.syncUri())) {
            k.sendRaw("{\"v\":2,\"type\":\"hello\",\"id\":\"" + UUID.randomUUID() + "\",\"body\":{}}");
            assertEquals("unsupported-version", k.next(ErrorMessage.class).code());
            assertEquals(CloseCodes.UNSUPPORTED_VERSION, k.closeCode(WAIT));
        }
    }

    @Test
    void aPushIsAckedAndARepeatedPushAckedAgainButStoredOnce() throws Exception {
        String credential = admin.enroll("K-1");
        List<Push.Record> records = List.of(Records.appealFiled("T-1"), Records.appealFiled("T-2"), Records.appealFiled("T-3"));
        try (ScriptedKiosk k = welcomed("K-1", credential, Map.of())) {
            k.send(new Push(Message.newId(), records));
            Ack first = k.next(Ack.class);
            assertEquals(ids(records), Set.copyOf(first.ids()));
            assertTrue(first.rejected().isEmpty());
            k.send(new Push(Message.newId(), records));
            Ack again = k.next(Ack.class);
            assertEquals(ids(records), Set.copyOf(again.ids()));
        }
        JsonNode appeals = admin.get("/appeals").body();
        assertEquals(3, appeals.size());
        for (JsonNode a : appeals) {
            assertEquals("K-1", a.get("kioskId").asText());
            assertEquals("SUBMITTED", a.get("status").asText());
        }
    }

    @Test
    void anInvalidRecordIsRejectedAndItsNeighboursAcked() throws Exception {
        String credential = admin.enroll("K-1");
        Push.Record good1 = Records.appealFiled("T-1");
        Push.Record bad = Records.appealFiledWithoutTrackingNo();
        Push.Record good2 = Records.deviceHealth();
        try (ScriptedKiosk k = welcomed("K-1", credential, Map.of())) {
            k.send(new Push(Message.newId(), List.of(good1, bad, good2)));
            Ack ack = k.next(Ack.class);
            assertEquals(List.of(good1.id(), good2.id()), ack.ids());
            assertEquals(1, ack.rejected().size());
            assertEquals(bad.id(), ack.rejected().getFirst().id());
            assertTrue(ack.rejected().getFirst().reason().contains("trackingNo"), ack.rejected().getFirst().reason());
        }
        assertEquals(1, admin.get("/appeals").body().size());
    }

    @Test
    void aStatusChangeIsDeliveredAndResumesFromTheCursor() throws Exception {
        String credential = admin.enroll("K-1");
        try (ScriptedKiosk k = welcomed("K-1", credential, Map.of())) {
            k.send(new Push(Message.newId(), List.of(Records.appealFiled("T-1"))));
            k.next(Ack.class);
            AdminClient.Reply r = admin.post("/appeals/T-1/status",
                    "{\"status\":\"RECEIVED\",\"handlingLevel\":\"street\",\"department\":\"城管\",\"reason\":null,\"reply\":\"已受理\"}");
            assertEquals(200, r.status(), String.valueOf(r.body()));
            Deliver d = k.next(Deliver.class);
            assertEquals(Streams.APPEAL_STATUS, d.stream());
            assertEquals(1, d.items().size());
            assertEquals(1, d.items().getFirst().seq());
            assertEquals("appeal.status", d.items().getFirst().kind());
            assertEquals("RECEIVED", d.items().getFirst().body().get("status").asText());
            assertEquals("T-1", d.items().getFirst().body().get("trackingNo").asText());
            k.send(new Cursor(Message.newId(), Streams.APPEAL_STATUS, 1));
            assertNull(k.poll(Duration.ofMillis(300)));
        }
        try (ScriptedKiosk k = welcomed("K-1", credential, Map.of(Streams.APPEAL_STATUS, 1L))) {
            assertNull(k.poll(Duration.ofMillis(700)), "nothing after cursor 1");
        }
        try (ScriptedKiosk k = welcomed("K-1", credential, Map.of(Streams.APPEAL_STATUS, 0L))) {
            Deliver d = k.next(Deliver.class);
            assertEquals(1, d.items().getFirst().seq());
        }
    }

    @Test
    void badFramesAreAnsweredOrClosedWhileAnotherKioskIsServed() throws Exception {
        String a = admin.enroll("K-A");
        String b = admin.enroll("K-B");
        try (ScriptedKiosk other = welcomed("K-B", b, Map.of()).keepAlive(Duration.ofMillis(400))) {
            try (ScriptedKiosk k = welcomed("K-A", a, Map.of())) {
                k.sendRaw("{not json");
                assertEquals("malformed", k.next(ErrorMessage.class).code());
                String unknownId = UUID.randomUUID().toString();
                k.sendRaw("{\"v\":1,\"type\":\"gossip\",\"id\":\"" + unknownId + "\",\"body\":{}}");
                ErrorMessage unknown = k.next(ErrorMessage.class);
                assertEquals("unknown-type", unknown.code());
                assertEquals(unknownId, unknown.ref().toString());
                k.send(new Push(Message.newId(), List.of(Records.deviceHealth())));
                assertEquals(1, k.next(Ack.class).ids().size(), "the connection stays after an unknown type");
                k.sendRaw("{\"v\":1,\"type\":\"heartbeat\",\"id\":\"" + UUID.randomUUID() + "\",\"body\":{\"pad\":\""
                        + "x".repeat(300 * 1024) + "\"}}");
                assertEquals(CloseCodes.TOO_LARGE, k.closeCode(WAIT));
            }
            try (ScriptedKiosk k = welcomed("K-A", a, Map.of())) {
                k.sendBinary(new byte[] {1, 2, 3});
                assertEquals(CloseCodes.BINARY_FRAME, k.closeCode(WAIT));
            }
            other.send(new Push(Message.newId(), List.of(Records.deviceHealth())));
            assertEquals(1, other.next(Ack.class).ids().size());
            assertTrue(other.isOpen());
        }
    }

    @Test
    void moreThanTenMalformedFramesInAMinuteAreClosed1008() throws Exception {
        String a = admin.enroll("K-A");
        try (ScriptedKiosk k = welcomed("K-A", a, Map.of())) {
            for (int i = 0; i < 11; i++) {
                k.sendRaw("[]");
            }
            for (int i = 0; i < 11; i++) {
                assertEquals("malformed", k.next(ErrorMessage.class).code());
            }
            assertEquals(CloseCodes.POLICY, k.closeCode(WAIT));
        }
    }

    @Test
    void aSilentKioskIsClosedAfterThreeHeartbeatPeriods() throws Exception {
        String a = admin.enroll("K-A");
        try (ScriptedKiosk k = welcomed("K-A", a, Map.of())) {
            long start = System.nanoTime();
            assertEquals(CloseCodes.GOING_AWAY, k.closeCode(Duration.ofSeconds(8)));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds >= 2 && seconds <= 5, "closed after " + seconds + " s");
            assertTrue(k.heartbeatsSeen() >= 2, "the hub sent its heartbeats meanwhile");
        }
    }

    @Test
    void aKioskThatKeepsTalkingStaysAndItsFiguresAreListed() throws Exception {
        String a = admin.enroll("K-A");
        try (ScriptedKiosk k = welcomed("K-A", a, Map.of()).keepAlive(Duration.ofMillis(500))) {
            Thread.sleep(4_000);
            assertTrue(k.isOpen());
            JsonNode kiosk = admin.get("/kiosks").body().get(0);
            assertEquals("K-A", kiosk.get("kioskId").asText());
            assertTrue(kiosk.get("connected").asBoolean());
            assertEquals(0, kiosk.get("queue").asLong());
            assertTrue(kiosk.hasNonNull("lastContactAt"));
        }
    }

    @Test
    void adminErrorsAreProblemJson() throws Exception {
        admin.enroll("K-1");
        AdminClient.Reply dup = admin.post("/kiosks", "{\"kioskId\":\"K-1\"}");
        assertEquals(409, dup.status());
        assertTrue(dup.contentType().startsWith("application/problem+json"));
        assertEquals(409, dup.body().get("status").asInt());
        assertEquals(404, admin.post("/appeals/T-none/status", "{\"status\":\"RECEIVED\"}").status());
        assertEquals(400, admin.post("/kiosks", "{}").status());
        assertEquals(400, admin.post("/kiosks", "not json").status());
        assertEquals(404, admin.post("/kiosks/K-none/revoke", "").status());
        assertEquals(404, admin.get("/nothing").status());
    }
}
