package org.jinban.kiosk.enroll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.Main;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.kiosk.screen.ScreenConfig;
import org.jinban.kiosk.testing.CapturedLogs;
import org.jinban.kiosk.testing.TestClock;
import org.jinban.sync.hub.HubConfig;
import org.jinban.sync.hub.HubServer;
import org.jinban.sync.hub.HubStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The technician screen's API on an unenrolled kiosk: the PIN and its lock, the refusals of a
 * wrong QR and of codes the reference hub (in this process, on a free loopback port) refuses,
 * and an enrollment by the scanned QR that writes what the kiosk then starts from. No PIN, code,
 * credential or key ever shows in an answer or a log line.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TechnicianEnrollIT {
    private static final String PIN = "482915";
    @TempDir
    Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> answers = new ArrayList<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private final TestClock clock = new TestClock(Instant.now());
    private HubStore hubStore;
    private HubServer hub;
    private Kiosk kiosk;
    private Path etc;
    private Path secret;

    @BeforeEach
    void start() throws Exception {
        hubStore = HubStore.open(Files.createDirectory(dir.resolve("hub")), Clock.systemUTC());
        hub = HubServer.start(new HubConfig(0, dir.resolve("hub"), 5, 100), hubStore);
        etc = Files.createDirectory(dir.resolve("etc"));
        secret = etc.resolve("secret");
        Files.writeString(etc.resolve("kiosk.yaml"), "kiosk:\n  station:\n    name-en: Test station\n");
    }

    @AfterEach
    void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
        hub.close();
        hubStore.close();
    }

    /** An unenrolled kiosk waiting for its enrollment, with a technician PIN set (or not). */
    private void kiosk(boolean pinSet, Duration hubTimeout) throws Exception {
        Files.createDirectories(secret);
        if (pinSet) {
            Files.writeString(secret.resolve(TechnicianSetup.PIN_FILE), TechnicianPin.hash(PIN) + "\n");
        }
        Path data = dir.resolve("data");
        TechnicianSetup setup = new TechnicianSetup(true, Optional.of(secret.resolve(TechnicianSetup.PIN_FILE)),
                Optional.of(Enrollment.Targets.allIn(secret, data.resolve("secret/kiosk.key"), Main.ENROLLMENT_FILE)),
                Optional.empty(), hubTimeout, restarts::incrementAndGet);
        KioskConfig config = new KioskConfig(data, "圣城街道丰华社区便民服务站", "Fenghua Station", "370783001001",
                Optional.empty(), "zh-CN", Duration.ofSeconds(60), Duration.ofSeconds(180),
                "classpath:catalog/demo-catalog.json");
        Config server = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("host", "127.0.0.1", "port", "0"))).build();
        kiosk = Kiosk.start(server, config, DeviceConfig.simulated(), AppealConfig.defaults(), clock, Optional.empty(),
                ScreenConfig.never(), setup);
    }

    @Test
    void withoutAPinTheScreenIsNeverOfferedAndTheAnswerSaysHowToSetOne() throws Exception {
        kiosk(false, Duration.ofSeconds(10));
        JsonNode state = json(get("/api/v1/technician/state"));
        assertFalse(state.get("enrolled").asBoolean());
        assertFalse(state.get("pinSet").asBoolean());
        assertEquals("sudo jinban-provision technician-pin", state.get("setPin").asText());
        HttpResponse<String> login = post("/api/v1/technician/session", Map.of("pin", PIN), null);
        assertProblem(login, 409, "technician-pin-not-set");
        assertTrue(json(login).get("detail").asText().contains("jinban-provision technician-pin"), login.body());
    }

    @Test
    void residentsGetOnlyWhatTheNotEnrolledScreenNeeds() throws Exception {
        kiosk(true, Duration.ofSeconds(10));
        assertEquals(200, get("/api/v1/kiosk/settings").statusCode());
        assertProblem(get("/api/v1/catalog/departments?lang=zh-CN"), 503, "not-enrolled");
        assertProblem(post("/api/v1/appeals", Map.of("category", "x"), null), 503, "not-enrolled");
        assertProblem(post("/api/v1/staff/session", Map.of("badge", "JBSTAFF:S001", "pin", "1234"), null), 503,
                "not-enrolled");
    }

    @Test
    void wrongPinsLockTheScreenWithAGrowingBackOffAndAreAudited() throws Exception {
        kiosk(true, Duration.ofSeconds(10));
        HttpResponse<String> first = post("/api/v1/technician/session", Map.of("pin", "111111"), null);
        assertProblem(first, 401, "bad-pin");
        assertEquals(2, json(first).get("attemptsLeft").asInt());
        assertEquals(1, json(post("/api/v1/technician/session", Map.of("pin", "222222"), null))
                .get("attemptsLeft").asInt());
        HttpResponse<String> locked = post("/api/v1/technician/session", Map.of("pin", "333333"), null);
        assertProblem(locked, 423, "technician-locked");
        assertEquals(clock.instant().plus(TechnicianGate.FIRST_LOCK).toString(), json(locked).get("lockedUntil").asText());
        assertProblem(post("/api/v1/technician/session", Map.of("pin", PIN), null), 423, "technician-locked");
        assertTrue(json(get("/api/v1/technician/state")).has("lockedUntil"));

        clock.advance(TechnicianGate.FIRST_LOCK.plusSeconds(1));
        for (String wrong : List.of("444444", "555555")) {
            assertProblem(post("/api/v1/technician/session", Map.of("pin", wrong), null), 401, "bad-pin");
        }
        HttpResponse<String> again = post("/api/v1/technician/session", Map.of("pin", "666666"), null);
        assertProblem(again, 423, "technician-locked");
        assertEquals(clock.instant().plus(TechnicianGate.FIRST_LOCK.multipliedBy(2)).toString(),
                json(again).get("lockedUntil").asText(), "the second lock lasts twice as long");

        clock.advance(TechnicianGate.FIRST_LOCK.multipliedBy(2).plusSeconds(1));
        HttpResponse<String> ok = post("/api/v1/technician/session", Map.of("pin", PIN), null);
        assertEquals(201, ok.statusCode(), ok.body());
        assertEquals(64, json(ok).get("token").asText().length());
        assertProblem(post("/api/v1/technician/session", Map.of("pin", "12ab"), null), 400, "invalid-request");

        List<String> audit = auditActions();
        assertEquals(List.of("technician.login-refused", "technician.login-refused", "technician.locked",
                "technician.login-refused", "technician.login-refused", "technician.locked", "technician.login"),
                audit);
        assertNoSecretsIn(auditDetails(), List.of(PIN, "111111", "333333", "666666"));
    }

    @Test
    void aScannedQrEnrollsTheKioskIntoItsOwnSecretsDirectoryAndTheKioskRestartsOnIt() throws Exception {
        try (CapturedLogs logs = CapturedLogs.named("org.jinban")) {
            kiosk(true, Duration.ofSeconds(10));
            byte[] dataSecret = Files.readAllBytes(dir.resolve("data/secret/kiosk.key"));
            String code = code("K-370783001001-07");

            assertProblem(post("/api/v1/technician/enrollment", Map.of("qr", qr(hub.syncUri().toString(), code)), null),
                    401, "technician-session-required");
            String token = json(post("/api/v1/technician/session", Map.of("pin", PIN), null)).get("token").asText();

            assertProblem(post("/api/v1/technician/enrollment", Map.of("qr", "JBSTAFF:S001"), token), 400, "wrong-qr");
            assertProblem(post("/api/v1/technician/enrollment", Map.of("qr", "https://example.org/"), token), 400,
                    "wrong-qr");
            assertProblem(post("/api/v1/technician/enrollment", Map.of("qr", qr(hub.syncUri().toString(), "2222-2222")),
                    token), 422, "code-unknown");
            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            assertProblem(post("/api/v1/technician/enrollment", Map.of("qr", qr("ws://127.0.0.1:" + closed + "/sync/v1",
                    code)), token), 503, "hub-unreachable");
            assertFalse(Files.exists(secret.resolve("enrollment.yaml")), "nothing written on a refusal");
            assertTrue(hubStore.kiosks().isEmpty());

            HttpResponse<String> done = post("/api/v1/technician/enrollment",
                    Map.of("qr", qr(hub.syncUri().toString(), code)), token);
            assertEquals(200, done.statusCode(), done.body());
            JsonNode e = json(done);
            assertEquals("K-370783001001-07", e.get("kioskId").asText());
            assertEquals("东城社区便民服务站", e.get("stationName").asText());
            assertEquals("370783001001", e.get("gridCode").asText());
            assertEquals(TechnicianHttpService.RESTART_DELAY.toSeconds(), e.get("restartInSeconds").asLong());

            for (String f : List.of("credential", "identity.key", "kiosk.key")) {
                Path p = f.equals("kiosk.key") ? dir.resolve("data/secret/kiosk.key") : secret.resolve(f);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), f);
            }
            assertArrayEquals(dataSecret, Files.readAllBytes(dir.resolve("data/secret/kiosk.key")),
                    "the data secret the kiosk already had is kept");
            String credential = Files.readString(secret.resolve("credential")).strip();
            assertTrue(hubStore.authenticate("K-370783001001-07", credential));

            // The kiosk's own loading, from the config file beside secret/, finds the screen's enrollment.
            Config loaded = Main.load(etc.resolve("kiosk.yaml").toString());
            assertEquals("K-370783001001-07", loaded.get("sync.kiosk-id").asString().get());
            assertEquals(hub.syncUri().toString(), loaded.get("sync.hub-url").asString().get());
            assertEquals("370783001001", loaded.get("kiosk.station.grid-code").asString().get());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (restarts.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, restarts.get(), "the kiosk restarts to take the enrollment up");
            assertProblem(post("/api/v1/technician/enrollment", Map.of("qr", qr(hub.syncUri().toString(), code)), token),
                    409, "already-enrolled");
            assertTrue(json(get("/api/v1/technician/state")).get("enrolled").asBoolean());

            List<String> secrets = List.of(PIN, code, credential,
                    Base64.getEncoder().encodeToString(Files.readAllBytes(secret.resolve("identity.key"))),
                    Files.readString(dir.resolve("data/secret/kiosk.key")).strip());
            assertNoSecretsIn(String.join("\n", answers), secrets);
            assertNoSecretsIn(logs.all(), secrets);
            assertNoSecretsIn(auditDetails(), secrets);
            assertTrue(logs.all().contains("enrolled as K-370783001001-07"), logs.all());
            assertTrue(auditActions().contains("technician.enroll"));
        }
    }

    @Test
    void aUsedOrExpiredCodeIsRefusedInWordsTheScreenCanSay() throws Exception {
        kiosk(true, Duration.ofSeconds(10));
        String used = code("K-1");
        assertTrue(hubStore.kiosks().isEmpty());
        HttpResponse<String> redeemed = http.send(HttpRequest.newBuilder(URI.create(hub.syncUri().toString()
                        .replace("ws://", "http://").replace("/sync/v1", "/enroll/v1")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + used + "\",\"publicKey\":\""
                        + KioskIdentity.generate().publicKeyBase64() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, redeemed.statusCode(), "another kiosk used the code: " + redeemed.body());
        String expired = code("K-2");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub/hub.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE enrollment_code SET expires_at = '2000-01-01T00:00:00Z' WHERE kiosk_id = 'K-2'");
        }
        String token = json(post("/api/v1/technician/session", Map.of("pin", PIN), null)).get("token").asText();
        HttpResponse<String> usedAnswer = post("/api/v1/technician/enrollment",
                Map.of("qr", qr(hub.syncUri().toString(), used)), token);
        assertProblem(usedAnswer, 409, "code-used");
        assertTrue(json(usedAnswer).get("detail").asText().contains("used already"), usedAnswer.body());
        assertProblem(post("/api/v1/technician/enrollment", Map.of("qr", qr(hub.syncUri().toString(), expired)), token),
                410, "code-expired");
        assertFalse(Files.exists(secret.resolve("credential")));
        assertEquals(0, restarts.get());
    }

    // ---- helpers -------------------------------------------------------------------------

    private static String qr(String hubUrl, String code) {
        return "jinban-enroll:v1?hub=" + URLEncoder.encode(hubUrl, StandardCharsets.UTF_8) + "&code=" + code;
    }

    private String code(String kioskId) throws Exception {
        String body = json.createObjectNode().put("kioskId", kioskId).put("stationName", "东城社区便民服务站")
                .put("address", "寿光市东城街道建新街1号").put("gridCode", "370783001001").toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.adminUri() + "/enrollment-codes"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return json.readTree(r.body()).get("code").asText();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return record(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kiosk.port() + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> post(String path, Map<String, String> body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kiosk.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return record(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> record(HttpResponse<String> r) {
        answers.add(r.body());
        return r;
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    private void assertProblem(HttpResponse<String> r, int status, String type) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("https://jinban.org/problems/" + type, json(r).get("type").asText(), r.body());
    }

    private List<String> auditActions() throws Exception {
        List<String> actions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/jinban.db"));
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT action FROM audit_log WHERE actor = 'technician' ORDER BY seq")) {
            while (rs.next()) {
                actions.add(rs.getString(1));
            }
        }
        return actions;
    }

    private String auditDetails() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/jinban.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT subject, detail FROM audit_log")) {
            while (rs.next()) {
                all.append(rs.getString(1)).append(' ').append(rs.getString(2)).append('\n');
            }
        }
        return all.toString();
    }

    private static void assertNoSecretsIn(String text, List<String> secrets) {
        for (String s : secrets) {
            assertFalse(text.contains(s), "a secret (" + s.length() + " characters) shows in:\n" + text);
        }
    }
}
