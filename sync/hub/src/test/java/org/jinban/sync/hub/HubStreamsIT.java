package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.jinban.sync.hub.testing.AdminClient;
import org.jinban.sync.hub.testing.Catalogs;
import org.jinban.sync.hub.testing.MutableClock;
import org.jinban.sync.hub.testing.Records;
import org.jinban.sync.hub.testing.ScriptedKiosk;
import org.jinban.sync.protocol.Ack;
import org.jinban.sync.protocol.CatalogParts;
import org.jinban.sync.protocol.CloseCodes;
import org.jinban.sync.protocol.Cursor;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.ErrorCode;
import org.jinban.sync.protocol.ErrorMessage;
import org.jinban.sync.protocol.Hello;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.Push;
import org.jinban.sync.protocol.Streams;
import org.jinban.sync.protocol.Welcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every downstream stream over real WebSockets: catalog versions as deltas and snapshots, the
 * repair of a delta a kiosk could not apply, the roster, central config, ratings, and retention
 * followed by a resync that rebuilds the stream from seq 1.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HubStreamsIT {
    private static final Duration QUIET = Duration.ofMillis(500);

    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(Instant.now());
    private HubStore store;
    private HubServer hub;
    private WebSocketClient client;
    private AdminClient admin;

    @BeforeEach
    void start() throws Exception {
        store = HubStore.open(data, clock);
        hub = HubServer.start(new HubConfig(0, data, 5, 100), store);
        client = new WebSocketClient();
        client.setMaxTextMessageSize(org.jinban.sync.protocol.Codec.MAX_FRAME_BYTES); // as sync/client's
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

    /** Ten items, so that a change to one goes as a delta. */
    private static ObjectNode v1() {
        ObjectNode[] items = new ObjectNode[10];
        for (int i = 0; i < items.length; i++) {
            items[i] = Catalogs.item("JB-00" + i, "事项" + i);
        }
        return Catalogs.document(1, items);
    }

    /** v1 with JB-003 changed and JB-009 removed. */
    private static ObjectNode v2() {
        ObjectNode doc = v1().put("version", 2);
        ((ObjectNode) doc.get("items").get(3)).put("popularity", 40);
        ((ArrayNode) doc.get("items")).remove(9);
        return doc;
    }

    private AdminClient.Reply publish(ObjectNode catalog) throws Exception {
        return admin.post("/catalog", catalog.toString());
    }

    private static void assertProblem(AdminClient.Reply r, int status, String type) {
        assertEquals(status, r.status(), String.valueOf(r.body()));
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals("https://jinban.org/problems/" + type, r.body().get("type").asText());
    }

    private static Deliver.Item only(Deliver d, String stream) {
        assertEquals(stream, d.stream());
        assertEquals(1, d.items().size(), d.toString());
        return d.items().getFirst();
    }

    @Test
    void aKioskThatHasV1GetsADeltaAndANewKioskTheSnapshot() throws Exception {
        String one = admin.enroll("K-1");
        try (ScriptedKiosk k = welcomed("K-1", one, Map.of())) {
            AdminClient.Reply first = publish(v1());
            assertEquals(201, first.status(), String.valueOf(first.body()));
            assertEquals("{\"version\":1,\"kiosks\":[{\"kioskId\":\"K-1\",\"seq\":1,\"kind\":\"catalog.snapshot\","
                    + "\"items\":1}]}",
                    first.body().toString());
            Deliver.Item snapshot = only(k.next(Deliver.class), Streams.CATALOG);
            assertEquals(Streams.KIND_CATALOG_SNAPSHOT, snapshot.kind());
            assertEquals(10, snapshot.body().get("items").size());
            k.send(new Cursor(Message.newId(), Streams.CATALOG, 1));

            String two = admin.enroll("K-2");
            AdminClient.Reply second = publish(v2());
            assertEquals(201, second.status(), String.valueOf(second.body()));
            assertEquals("[{\"kioskId\":\"K-1\",\"seq\":2,\"kind\":\"catalog.delta\",\"items\":1},"
                    + "{\"kioskId\":\"K-2\",\"seq\":1,\"kind\":\"catalog.snapshot\",\"items\":1}]", second.body().get("kiosks").toString());
            Deliver.Item delta = only(k.next(Deliver.class), Streams.CATALOG);
            assertEquals(2, delta.seq());
            assertEquals(Streams.KIND_CATALOG_DELTA, delta.kind());
            assertEquals(1, delta.body().get("previousVersion").asLong());
            assertEquals(2, delta.body().get("version").asLong());
            assertEquals("JB-003", delta.body().get("upserts").get(0).get("code").asText());
            assertEquals(1, delta.body().get("upserts").size());
            assertEquals("[\"JB-009\"]", delta.body().get("removes").toString());

            try (ScriptedKiosk k2 = welcomed("K-2", two, Map.of())) {
                Deliver.Item whole = only(k2.next(Deliver.class), Streams.CATALOG);
                assertEquals(1, whole.seq());
                assertEquals(Streams.KIND_CATALOG_SNAPSHOT, whole.kind());
                assertEquals(v2().toString(), whole.body().toString());
            }
        }
        assertProblem(publish(v2()), 409, "catalog-version");
        assertProblem(publish(v1()), 409, "catalog-version");
    }

    @Test
    void badCatalogsAreRefusedNamingTheProblem() throws Exception {
        admin.enroll("K-1");
        ObjectNode twice = v1();
        ((ArrayNode) twice.get("items")).add(Catalogs.item("JB-004", "重复"));
        AdminClient.Reply r = publish(twice);
        assertProblem(r, 400, "invalid-request");
        assertTrue(r.body().get("detail").asText().contains("JB-004: the code is given twice"), r.body().toString());
        assertProblem(admin.post("/catalog", "{\"version\": 2}"), 400, "invalid-request");
        assertProblem(admin.post("/catalog", "[]"), 400, "invalid-request");
        assertProblem(admin.post("/catalog", "{\"version\": 1, \"version\": 2}"), 400, "invalid-request");
        // larger than a kiosk takes: 24 items of a million Chinese characters, 72 MB of UTF-8
        ObjectNode[] items = new ObjectNode[24];
        String million = "长".repeat(1_000_000);
        for (int i = 0; i < items.length; i++) {
            items[i] = Catalogs.item("JB-1" + (10 + i), "大");
            items[i].putObject("description").put("zh-CN", million).put("en", "x");
        }
        AdminClient.Reply tooLarge = publish(Catalogs.document(1, items));
        assertProblem(tooLarge, 400, "invalid-request");
        assertTrue(tooLarge.body().get("detail").asText().contains("too large for a kiosk to take"),
                tooLarge.body().toString());
        assertEquals(0, store.lastSeq("K-1", Streams.CATALOG), "nothing was appended");
    }

    /** v1 and one item whose description alone is larger than a frame. */
    private static ObjectNode large(long version, String... extraCodes) {
        ObjectNode doc = v1().put("version", version);
        ObjectNode big = Catalogs.item("JB-100", "大事项");
        big.putObject("description").put("zh-CN", "长\"说明\"".repeat(40_000)).put("en", "x");
        ((ArrayNode) doc.get("items")).add(big);
        for (String code : extraCodes) {
            ObjectNode extra = Catalogs.item(code, "又一大事项");
            extra.putObject("description").put("zh-CN", "又长又细".repeat(30_000)).put("en", "y");
            ((ArrayNode) doc.get("items")).add(extra);
        }
        return doc;
    }

    /** Takes the catalog parts from {@code k} until the last, one per frame, answering each with its cursor. */
    private static String takeParts(ScriptedKiosk k, String kind, long firstSeq) throws Exception {
        StringBuilder text = new StringBuilder();
        long seq = firstSeq;
        while (true) {
            Deliver.Item item = only(k.next(Deliver.class), Streams.CATALOG);
            assertEquals(kind, item.kind());
            assertEquals(seq, item.seq());
            CatalogParts.Part part = CatalogParts.Part.of(item.body());
            assertEquals(seq - firstSeq + 1, part.part());
            text.append(part.text());
            k.send(new Cursor(Message.newId(), Streams.CATALOG, seq));
            if (part.last()) {
                return text.toString();
            }
            seq++;
        }
    }

    @Test
    void aCatalogLargerThanAFrameTravelsInPartsOnePerFrameAndARefusedDeltaIsRepaired() throws Exception {
        String one = admin.enroll("K-1");
        try (ScriptedKiosk k = welcomed("K-1", one, Map.of())) {
            ObjectNode first = large(1);
            AdminClient.Reply r = publish(first);
            assertEquals(201, r.status(), String.valueOf(r.body()));
            JsonNode appended = r.body().get("kiosks").get(0);
            assertEquals(Streams.KIND_CATALOG_SNAPSHOT, appended.get("kind").asText());
            int parts = appended.get("items").asInt();
            assertTrue(parts >= 2, r.body().toString());
            assertEquals(parts, appended.get("seq").asLong(), "seq names the last part");
            var reader = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
            assertTrue(reader.readTree(first.toString()).equals(reader.readTree(
                    takeParts(k, CatalogParts.KIND_SNAPSHOT_PART, 1))), "the joined parts are the snapshot");

            AdminClient.Reply second = publish(large(2, "JB-101"));
            JsonNode delta = second.body().get("kiosks").get(0);
            assertEquals(Streams.KIND_CATALOG_DELTA, delta.get("kind").asText(), second.body().toString());
            String deltaText = takeParts(k, CatalogParts.KIND_DELTA_PART, parts + 1);
            assertTrue(deltaText.contains("\"JB-101\"") && !deltaText.contains("\"JB-100\""), "only the new item");
            long last = delta.get("seq").asLong();

            // the kiosk could not apply the joined delta: the hub answers with the snapshot, in parts
            k.send(ErrorMessage.of(ErrorCode.CANNOT_APPLY, "cannot apply catalog seq " + last
                    + " (catalog.delta.part): CannotApply", Message.newId()));
            String repaired = takeParts(k, CatalogParts.KIND_SNAPSHOT_PART, last + 1);
            assertTrue(repaired.contains("\"JB-101\"") && repaired.contains("\"JB-100\""));
        }
    }

    @Test
    void aDeltaTheKioskCannotApplyIsAnsweredWithOneSnapshot() throws Exception {
        String one = admin.enroll("K-1");
        try (ScriptedKiosk k = welcomed("K-1", one, Map.of())) {
            publish(v1());
            only(k.next(Deliver.class), Streams.CATALOG);
            k.send(new Cursor(Message.newId(), Streams.CATALOG, 1));
            publish(v2());
            Deliver delta = k.next(Deliver.class);
            assertEquals(Streams.KIND_CATALOG_DELTA, only(delta, Streams.CATALOG).kind());
            // what sync/client's Conversation answers when the kiosk's CatalogStream refuses the delta
            ErrorMessage refusal = ErrorMessage.of(ErrorCode.CANNOT_APPLY,
                    "cannot apply catalog seq 2 (catalog.delta): CannotApply", delta.id());
            k.send(refusal);
            k.send(new Cursor(Message.newId(), Streams.CATALOG, 2));
            Deliver.Item repair = only(k.next(Deliver.class), Streams.CATALOG);
            assertEquals(3, repair.seq());
            assertEquals(Streams.KIND_CATALOG_SNAPSHOT, repair.kind());
            assertEquals(2, repair.body().get("version").asLong());

            k.send(refusal); // the same error again: no second snapshot
            k.send(ErrorMessage.of(ErrorCode.CANNOT_APPLY, "cannot apply catalog seq 3 (catalog.snapshot): X", delta.id()));
            k.send(new Cursor(Message.newId(), Streams.CATALOG, 3));
            assertNull(k.poll(QUIET), "a failed snapshot is not answered with another");
        }
        assertEquals(3, store.lastSeq("K-1", Streams.CATALOG));
    }

    @Test
    void theRosterReachesKiosksAsHashesAndThePinIsNeitherStoredNorLogged() throws Exception {
        String pin = "80317264";
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.ALL);
        try {
            String one = admin.enroll("K-1");
            try (ScriptedKiosk k = welcomed("K-1", one, Map.of())) {
                AdminClient.Reply bad = admin.post("/roster", "{\"staff\": [{\"id\": \"S-01\", \"name\": \"王芳\","
                        + " \"pin\": \"" + pin + "x\", \"active\": true}]}");
                assertProblem(bad, 400, "invalid-request");
                assertFalse(bad.body().toString().contains(pin));

                AdminClient.Reply r = admin.post("/roster", "{\"staff\": [{\"id\": \"S-01\", \"name\": \"王芳\","
                        + " \"pin\": \"" + pin + "\", \"active\": true}]}");
                assertEquals(201, r.status(), String.valueOf(r.body()));
                assertEquals("{\"kiosks\":[{\"kioskId\":\"K-1\",\"seq\":1}]}", r.body().toString());
                Deliver.Item roster = only(k.next(Deliver.class), Streams.ROSTER);
                assertEquals(Streams.KIND_ROSTER_SNAPSHOT, roster.kind());
                JsonNode staff = roster.body().get("staff").get(0);
                assertEquals("S-01", staff.get("id").asText());
                assertEquals("王芳", staff.get("name").asText());
                assertTrue(staff.get("active").asBoolean());
                assertTrue(pbkdf2Verifies(pin, staff.get("pinHash").asText()));
                assertFalse(pbkdf2Verifies("80317265", staff.get("pinHash").asText()));
                assertFalse(roster.body().toString().contains(pin));
            }
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
        }
        // a hub thread may still be appending (a connection's close is logged as it ends): the
        // appender appends holding its own lock, so the events are copied holding it too
        List<ILoggingEvent> events;
        synchronized (logs) {
            logs.stop();
            events = List.copyOf(logs.list);
        }
        assertFalse(events.isEmpty(), "the hub logged at all");
        for (ILoggingEvent e : events) {
            String text = e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            assertFalse(text.contains(pin), "logged: " + text);
        }
        store.close(); // checkpoints the WAL into the file
        List<Path> files;
        try (Stream<Path> s = Files.list(data)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("hub.db")));
        for (Path f : files) {
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains(pin), "the PIN is in " + f.getFileName());
        }
        store = HubStore.open(data, clock); // for stop()
    }

    /** The kiosk's PinHasher.verify, written again here from the format. */
    private static boolean pbkdf2Verifies(String pin, String stored) throws Exception {
        String[] parts = stored.split("\\$");
        assertEquals(List.of("pbkdf2-sha256", "20000"), List.of(parts[0], parts[1]));
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        assertEquals(16, salt.length);
        assertEquals(32, expected.length);
        byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(pin.toCharArray(), salt, 20_000, 256)).getEncoded();
        return java.security.MessageDigest.isEqual(expected, actual);
    }

    @Test
    void configKeysAreCheckedAndASnapshotReachesTheKiosk() throws Exception {
        String one = admin.enroll("K-1");
        assertProblem(admin.post("/kiosks/K-none/config", "{\"values\": {}}"), 404, "no-such-kiosk");
        AdminClient.Reply unknown = admin.post("/kiosks/K-1/config", "{\"values\": {\"kiosk.printer.port\": \"x\"}}");
        assertProblem(unknown, 400, "invalid-request");
        assertTrue(unknown.body().get("detail").asText().startsWith("kiosk.printer.port: "));
        AdminClient.Reply type = admin.post("/kiosks/K-1/config", "{\"values\": {\"kiosk.ui.idle-timeout\": 60}}");
        assertProblem(type, 400, "invalid-request");
        assertTrue(type.body().get("detail").asText().startsWith("kiosk.ui.idle-timeout: "));
        assertProblem(admin.post("/kiosks/K-1/config", "{\"values\": \"PT60S\"}"), 400, "invalid-request");
        assertEquals(0, store.lastSeq("K-1", Streams.CONFIG));

        try (ScriptedKiosk k = welcomed("K-1", one, Map.of())) {
            String values = "{\"kiosk.station.name\":\"东城便民服务站\",\"kiosk.ui.idle-timeout\":\"PT90S\"}";
            AdminClient.Reply r = admin.post("/kiosks/K-1/config", "{\"values\": " + values + "}");
            assertEquals(201, r.status(), String.valueOf(r.body()));
            assertEquals("{\"kioskId\":\"K-1\",\"seq\":1}", r.body().toString());
            Deliver.Item config = only(k.next(Deliver.class), Streams.CONFIG);
            assertEquals(Streams.KIND_CONFIG_SNAPSHOT, config.kind());
            assertEquals("{\"values\":" + values + "}", config.body().toString());
        }
        admin.post("/kiosks/K-1/revoke", "");
        assertProblem(admin.post("/kiosks/K-1/config", "{\"values\": {}}"), 409, "kiosk-revoked");
    }

    @Test
    void aRatingClosesTheHubsAppealAndIsListed() throws Exception {
        String one = admin.enroll("K-1");
        Push.Record filed = Records.appealFiled("T-1");
        Push.Record rated = Records.appealRated(filed, 3, true);
        try (ScriptedKiosk k = welcomed("K-1", one, Map.of())) {
            k.send(new Push(Message.newId(), List.of(filed)));
            k.next(Ack.class);
            JsonNode before = admin.get("/appeals").body().get(0);
            assertTrue(before.get("rating").isNull());
            assertFalse(before.get("followUp").asBoolean());
            k.send(new Push(Message.newId(), List.of(rated)));
            assertEquals(List.of(rated.id()), k.next(Ack.class).ids());
        }
        JsonNode after = admin.get("/appeals").body().get(0);
        assertEquals("CLOSED", after.get("status").asText());
        assertEquals(3, after.get("rating").asInt());
        assertTrue(after.get("followUp").asBoolean());
    }

    @Test
    void afterRetentionAStaleCursorIsResyncedAndTheStreamRebuiltFromSeqOne() throws Exception {
        String one = admin.enroll("K-1");
        String roster1 = "{\"staff\": [{\"id\": \"S-01\", \"name\": \"王芳\", \"pin\": \"2468\", \"active\": true}]}";
        String roster2 = "{\"staff\": [{\"id\": \"S-02\", \"name\": \"李强\", \"pin\": \"1357\", \"active\": true}]}";
        try (ScriptedKiosk k = welcomed("K-1", one, Map.of())) {
            publish(v1());
            assertEquals(1, only(k.next(Deliver.class), Streams.CATALOG).seq());
            admin.post("/roster", roster1);
            assertEquals(1, only(k.next(Deliver.class), Streams.ROSTER).seq());
            k.send(new Cursor(Message.newId(), Streams.CATALOG, 1));
            k.send(new Cursor(Message.newId(), Streams.ROSTER, 1));
        }
        publish(v2());
        admin.post("/roster", roster2);
        clock.advance(Duration.ofDays(31));
        assertEquals(4, store.prune(Duration.ofDays(30)));

        try (ScriptedKiosk k = ScriptedKiosk.connect(client, hub.syncUri())) {
            k.send(new Hello(Message.newId(), "K-1", one, List.of(1),
                    Map.of(Streams.CATALOG, 1L, Streams.ROSTER, 1L, Streams.CONFIG, 0L)));
            Welcome w = k.next(Welcome.class); // before any item of the rebuilt streams
            assertEquals(List.of(Streams.CATALOG, Streams.ROSTER), w.resync());
            Map<String, Deliver.Item> firsts = new HashMap<>();
            List<Deliver> delivers = new ArrayList<>(List.of(k.next(Deliver.class), k.next(Deliver.class)));
            delivers.forEach(d -> firsts.put(d.stream(), only(d, d.stream())));
            Deliver.Item catalog = firsts.get(Streams.CATALOG);
            assertEquals(1, catalog.seq());
            assertEquals(Streams.KIND_CATALOG_SNAPSHOT, catalog.kind());
            assertEquals(v2().toString(), catalog.body().toString());
            Deliver.Item roster = firsts.get(Streams.ROSTER);
            assertEquals(1, roster.seq());
            assertEquals("S-02", roster.body().get("staff").get(0).get("id").asText(), "the latest roster");
            assertNull(k.poll(QUIET));
        }
        assertEquals(1, store.lastSeq("K-1", Streams.CATALOG));
        assertEquals(0L, store.cursors("K-1").get(Streams.CATALOG));
    }

    @Test
    void aKioskConnectedWhileItsNextItemsArePrunedIsClosedAndRebuiltAtItsNextHello() throws Exception {
        String one = admin.enroll("K-1");
        try (ScriptedKiosk k = welcomed("K-1", one, Map.of())) {
            admin.post("/kiosks/K-1/config", "{\"values\": {\"kiosk.ui.idle-timeout\": \"PT60S\"}}");
            assertEquals(1, only(k.next(Deliver.class), Streams.CONFIG).seq());
            clock.advance(Duration.ofDays(31));
            assertEquals(1, store.prune(Duration.ofDays(30)));
            admin.post("/kiosks/K-1/config", "{\"values\": {\"kiosk.ui.idle-timeout\": \"PT90S\"}}");
            k.send(new Cursor(Message.newId(), Streams.CONFIG, 0)); // could not take seq 1: it is gone now
            assertEquals(CloseCodes.GOING_AWAY, k.closeCode(Duration.ofSeconds(5)));
        }
        try (ScriptedKiosk k = welcomed("K-1", one, Map.of())) {
            Deliver.Item config = only(k.next(Deliver.class), Streams.CONFIG);
            assertEquals(1, config.seq());
            assertEquals("PT90S", config.body().get("values").get("kiosk.ui.idle-timeout").asText());
        }
    }
}
