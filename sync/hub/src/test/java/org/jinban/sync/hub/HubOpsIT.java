package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.jinban.sync.hub.testing.AdminClient;
import org.jinban.sync.hub.testing.CapturedLogs;
import org.jinban.sync.hub.testing.ScriptedKiosk;
import org.jinban.sync.protocol.CommandSignature;
import org.jinban.sync.protocol.Cursor;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.Streams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The hub's operations routes on a real server: its key, signed commands, enrollment codes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HubOpsIT {
    @TempDir
    Path data;
    private HubStore store;
    private HubServer hub;
    private WebSocketClient client;
    private AdminClient admin;
    private AdminClient root;

    @BeforeEach
    void start() throws Exception {
        store = HubStore.open(data, Clock.systemUTC());
        hub = HubServer.start(new HubConfig(0, data, 5, 100), store);
        client = new WebSocketClient();
        client.start();
        admin = new AdminClient(hub.adminUri());
        root = new AdminClient(java.net.URI.create("http://127.0.0.1:" + hub.port()));
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        hub.close();
        store.close();
    }

    private PublicKey hubKey() throws Exception {
        AdminClient.Reply r = admin.get("/hub-key");
        assertEquals(200, r.status());
        String key = r.body().get("publicKey").asText();
        assertEquals(key, Files.readString(data.resolve(HubKey.PUBLIC_FILE)).strip(), "the route and the file agree");
        return CommandSignature.decodePublicKey(key);
    }

    @Test
    void aCommandIsSignedAppendedAndPushedToTheConnectedKiosk() throws Exception {
        String credential = admin.enroll("K-1");
        PublicKey key = hubKey();
        try (ScriptedKiosk k = ScriptedKiosk.welcomed(client, hub.syncUri(), "K-1", credential, Map.of())) {
            Instant before = Instant.now().minusSeconds(1);
            AdminClient.Reply r = admin.post("/kiosks/K-1/commands",
                    "{\"action\":\"print-test-page\",\"args\":{\"copies\":2},\"ttlSeconds\":120}");
            assertEquals(201, r.status(), String.valueOf(r.body()));
            assertEquals("K-1", r.body().get("kioskId").asText());
            assertEquals(1, r.body().get("seq").asLong());
            Deliver d = k.next(Deliver.class);
            assertEquals(Streams.COMMAND, d.stream());
            Deliver.Item item = d.items().getFirst();
            assertEquals(Streams.KIND_COMMAND, item.kind());
            JsonNode body = item.body();
            assertTrue(CommandSignature.verify(key, body), "signed with the hub key: " + body);
            assertEquals(r.body().get("commandId").asText(), body.get("commandId").asText());
            assertEquals("K-1", body.get("kioskId").asText());
            assertEquals("print-test-page", body.get("action").asText());
            assertEquals(2, body.get("args").get("copies").asInt());
            Instant issued = Instant.parse(body.get("issuedAt").asText());
            Instant expires = Instant.parse(body.get("expiresAt").asText());
            assertEquals(Duration.ofSeconds(120), Duration.between(issued, expires));
            assertEquals(r.body().get("expiresAt").asText(), body.get("expiresAt").asText());
            assertFalse(issued.isBefore(before));
            k.send(new Cursor(Message.newId(), Streams.COMMAND, 1));
        }
        AdminClient.Reply second = admin.post("/kiosks/K-1/commands", "{\"action\":\"refresh-catalog\"}");
        assertEquals(2, second.body().get("seq").asLong(), "an offline kiosk's command waits on its stream");
        assertEquals(CommandHandler.DEFAULT_TTL_SECONDS, Duration.between(Instant.now(),
                Instant.parse(second.body().get("expiresAt").asText())).toSeconds(), 2.0);
        try (ScriptedKiosk k = ScriptedKiosk.welcomed(client, hub.syncUri(), "K-1", credential,
                Map.of(Streams.COMMAND, 1L))) {
            Deliver d = k.next(Deliver.class);
            assertEquals(2, d.items().getFirst().seq());
            assertTrue(CommandSignature.verify(key, d.items().getFirst().body()));
        }
    }

    @Test
    void aBadCommandIsRefusedWithItsReason() throws Exception {
        admin.enroll("K-1");
        assertProblem(admin.post("/kiosks/K-1/commands", "{\"action\":\"format-disk\"}"), 400, "invalid-request", "action");
        assertProblem(admin.post("/kiosks/K-1/commands", "{\"action\":\"refresh-catalog\",\"ttlSeconds\":0}"),
                400, "invalid-request", "ttlSeconds");
        assertProblem(admin.post("/kiosks/K-1/commands", "{\"action\":\"refresh-catalog\",\"ttlSeconds\":86401}"),
                400, "invalid-request", "ttlSeconds");
        assertProblem(admin.post("/kiosks/K-1/commands", "{\"action\":\"refresh-catalog\",\"args\":[1]}"),
                400, "invalid-request", "args");
        assertProblem(admin.post("/kiosks/K-1/commands", "not json"), 400, "invalid-request", "JSON");
        assertProblem(admin.post("/kiosks/K-9/commands", "{\"action\":\"refresh-catalog\"}"), 404, "no-such-kiosk", "K-9");
        admin.post("/kiosks/K-1/revoke", "");
        assertProblem(admin.post("/kiosks/K-1/commands", "{\"action\":\"refresh-catalog\"}"), 409, "kiosk-revoked", "K-1");
        assertEquals(0, store.lastSeq("K-1", Streams.COMMAND), "nothing refused was appended");
        assertEquals(200, admin.get("/kiosks").status(), "the older admin routes still answer behind the new ones");
    }

    @Test
    void aCodeEnrollsAKioskThatThenSyncsAndWorksOnlyOnce() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            AdminClient.Reply issued = admin.post("/enrollment-codes", "{\"kioskId\":\"K-7\",\"stationName\":\"东城社区便民服务站\","
                    + "\"address\":\"东城街道1号\",\"gridCode\":\"370783001001\",\"ttlSeconds\":600}");
            assertEquals(201, issued.status(), String.valueOf(issued.body()));
            String code = issued.body().get("code").asText();
            assertTrue(code.matches("[0-9A-Z]{4}-[0-9A-Z]{4}"), code);
            assertEquals("K-7", issued.body().get("kioskId").asText());

            AdminClient.Reply enrolled = root.post("/enroll/v1", "{\"code\":\"" + code.toLowerCase() + "\"}");
            assertEquals(200, enrolled.status(), String.valueOf(enrolled.body()));
            JsonNode e = enrolled.body();
            assertEquals("K-7", e.get("kioskId").asText());
            assertEquals("东城社区便民服务站", e.get("stationName").asText());
            assertEquals("东城街道1号", e.get("address").asText());
            assertEquals("370783001001", e.get("gridCode").asText());
            assertEquals(hubKey(), CommandSignature.decodePublicKey(e.get("hubPublicKey").asText()));
            String credential = e.get("credential").asText();
            try (ScriptedKiosk k = ScriptedKiosk.welcomed(client, hub.syncUri(), "K-7", credential, Map.of())) {
                assertTrue(k.isOpen(), "the credential from the code is a working one");
            }
            assertProblem(root.post("/enroll/v1", "{\"code\":\"" + code + "\"}"), 409, "code-used", "used");
            assertProblem(admin.post("/enrollment-codes", "{\"kioskId\":\"K-7\",\"stationName\":\"s\",\"address\":\"a\","
                    + "\"gridCode\":\"g\"}"), 409, "kiosk-exists", "K-7");
            for (String line : logs.lines()) {
                assertFalse(line.contains(code) || line.contains(credential), "never logged: " + line);
            }
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("enrolled kiosk K-7")), String.valueOf(logs.lines()));
        }
    }

    @Test
    void aRevokedKioskIdTakesANewCodeAndTheReenrolledKioskStartsItsStreamsOver() throws Exception {
        String body = "{\"kioskId\":\"K-5\",\"stationName\":\"s\",\"address\":\"a\",\"gridCode\":\"g\"}";
        String oldCredential = root.post("/enroll/v1", "{\"code\":\"" + admin.post("/enrollment-codes", body).body()
                .get("code").asText() + "\"}").body().get("credential").asText();
        try (ScriptedKiosk k = ScriptedKiosk.welcomed(client, hub.syncUri(), "K-5", oldCredential, Map.of())) {
            assertTrue(k.isOpen());
        }
        AdminClient.Reply command = admin.post("/kiosks/K-5/commands", "{\"action\":\"refresh-catalog\"}");
        assertEquals(201, command.status(), String.valueOf(command.body()));
        assertProblem(admin.post("/enrollment-codes", body), 409, "kiosk-exists", "revoke it first");

        assertEquals(200, admin.post("/kiosks/K-5/revoke", "").status());
        AdminClient.Reply again = admin.post("/enrollment-codes", body);
        assertEquals(201, again.status(), String.valueOf(again.body()));
        PublicKey newKey = CommandSignature.generateKeyPair().getPublic();
        AdminClient.Reply enrolled = root.post("/enroll/v1", "{\"code\":\"" + again.body().get("code").asText()
                + "\",\"publicKey\":\"" + CommandSignature.encodePublicKey(newKey) + "\"}");
        assertEquals(200, enrolled.status(), String.valueOf(enrolled.body()));
        assertEquals("K-5", enrolled.body().get("kioskId").asText());
        String newCredential = enrolled.body().get("credential").asText();

        JsonNode listed = admin.get("/kiosks").body();
        assertEquals(1, listed.size(), listed.toString());
        assertFalse(listed.get(0).get("revoked").asBoolean(), listed.toString());
        assertFalse(store.authenticate("K-5", oldCredential), "the former credential stays refused");
        assertEquals(CommandSignature.encodePublicKey(newKey), store.kiosk("K-5").orElseThrow().publicKey());
        try (ScriptedKiosk k = ScriptedKiosk.welcomed(client, hub.syncUri(), "K-5", newCredential,
                Map.of(Streams.COMMAND, 0L))) {
            assertTrue(k.isOpen(), "the new credential is welcomed");
            assertTrue(k.poll(Duration.ofMillis(500)) == null, "the former kiosk's command is not sent again");
        }
        assertEquals(0, store.lastSeq("K-5", Streams.COMMAND));
    }

    @Test
    void aRedemptionBindsTheKiosksOwnKeyAndAWrongKeyDoesNotSpendTheCode() throws Exception {
        String code = admin.post("/enrollment-codes", "{\"kioskId\":\"K-8\",\"stationName\":\"s\",\"address\":\"a\","
                + "\"gridCode\":\"g\"}").body().get("code").asText();
        assertProblem(root.post("/enroll/v1", "{\"code\":\"" + code + "\",\"publicKey\":\"bm90IGEga2V5\"}"),
                400, "invalid-request", "publicKey");
        assertProblem(root.post("/enroll/v1", "{\"code\":\"" + code + "\",\"publicKey\":42}"),
                400, "invalid-request", "publicKey");
        String rsa = java.util.Base64.getEncoder().encodeToString(
                java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded());
        assertProblem(root.post("/enroll/v1", "{\"code\":\"" + code + "\",\"publicKey\":\"" + rsa + "\"}"),
                400, "invalid-request", "Ed25519");
        assertTrue(store.kiosks().isEmpty(), "a refused key spends nothing");

        PublicKey kioskKey = CommandSignature.generateKeyPair().getPublic();
        String encoded = CommandSignature.encodePublicKey(kioskKey);
        AdminClient.Reply enrolled = root.post("/enroll/v1", "{\"code\":\"" + code + "\",\"publicKey\":\"" + encoded + "\"}");
        assertEquals(200, enrolled.status(), String.valueOf(enrolled.body()));
        assertEquals(encoded, store.kiosk("K-8").orElseThrow().publicKey());

        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(kioskKey.getEncoded());
        String expected = java.util.HexFormat.ofDelimiter(":").formatHex(sha, 0, 8);
        JsonNode listed = admin.get("/kiosks").body().get(0);
        assertEquals("K-8", listed.get("kioskId").asText());
        assertEquals(expected, listed.get("publicKeyFingerprint").asText());
        admin.enroll("K-9");
        assertTrue(admin.get("/kiosks").body().get(1).get("publicKeyFingerprint").isNull(),
                "a kiosk enrolled without a key lists none");
    }

    @Test
    void badCodeRequestsAreRefusedWithTheirReason() throws Exception {
        assertProblem(admin.post("/enrollment-codes", "{\"kioskId\":\"K 1\",\"stationName\":\"s\",\"address\":\"a\","
                + "\"gridCode\":\"g\"}"), 400, "invalid-request", "kioskId");
        assertProblem(admin.post("/enrollment-codes", "{\"kioskId\":\"K-1\",\"address\":\"a\",\"gridCode\":\"g\"}"),
                400, "invalid-request", "stationName");
        assertProblem(admin.post("/enrollment-codes", "{\"kioskId\":\"K-1\",\"stationName\":\"s\",\"address\":\"a\","
                + "\"gridCode\":\"g\",\"ttlSeconds\":5}"), 400, "invalid-request", "ttlSeconds");
        assertProblem(root.post("/enroll/v1", "{}"), 400, "invalid-request", "code");
        assertProblem(root.post("/enroll/v1", "{\"code\":\"2222-2222\"}"), 404, "no-such-code", "no such");
        assertEquals(405, root.get("/enroll/v1").status());
    }

    @Test
    void afterTenWrongCodesInAMinuteEvenARightOneWaits() throws Exception {
        String code = admin.post("/enrollment-codes", "{\"kioskId\":\"K-1\",\"stationName\":\"s\",\"address\":\"a\","
                + "\"gridCode\":\"g\"}").body().get("code").asText();
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < HubServer.ENROLL_FAILURES_PER_MINUTE; i++) {
            answers.add(root.post("/enroll/v1", "{\"code\":\"ZZZZ-ZZZ" + (i % 10) + "\"}").status());
        }
        assertEquals(List.of(404, 404, 404, 404, 404, 404, 404, 404, 404, 404), answers);
        AdminClient.Reply limited = root.post("/enroll/v1", "{\"code\":\"" + code + "\"}");
        assertProblem(limited, 429, "too-many-attempts", "try again");
        assertTrue(store.kiosks().isEmpty(), "a limited redemption does not even look at the code");
    }

    private static void assertProblem(AdminClient.Reply r, int status, String kind, String detailPart) {
        assertEquals(status, r.status(), String.valueOf(r.body()));
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals("https://jinban.org/problems/" + kind, r.body().get("type").asText());
        assertTrue(r.body().get("detail").asText().contains(detailPart), r.body().get("detail").asText());
    }
}
