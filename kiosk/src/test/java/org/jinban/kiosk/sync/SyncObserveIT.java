package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.sync.client.SyncConfig;
import org.jinban.sync.hub.HubConfig;
import org.jinban.sync.hub.HubServer;
import org.jinban.sync.hub.HubStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching the sync of a real kiosk with the reference hub: its figures in
 * {@code /observe/metrics}, the staff's {@code GET /api/v1/staff/sync}, and the devices' health
 * going up as {@code device.health} records.
 */
@Timeout(150)
class SyncObserveIT {
    private static final String KIOSK_ID = "K-370783001001-01";

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HubConfig hubConfig;
    private HubStore hubStore;
    private HubServer hub;
    private Kiosk kiosk;
    private String base;

    @BeforeEach
    void start() throws Exception {
        int hubPort;
        try (ServerSocket s = new ServerSocket(0)) {
            hubPort = s.getLocalPort();
        }
        hubConfig = new HubConfig(hubPort, dir.resolve("hub"), 1, 100);
        hubStore = HubStore.open(hubConfig.dataDir(), Clock.systemUTC());
        hub = HubServer.start(hubConfig, hubStore);
        String credential = hubStore.enroll(KIOSK_ID).orElseThrow();
        KioskConfig config = new KioskConfig(dir.resolve("kiosk"), "东关社区便民服务站", "Dongguan Community Service Station",
                "370783001001", Optional.empty(), "zh-CN", Duration.ofSeconds(60), Duration.ofSeconds(180),
                "classpath:catalog/demo-catalog.json");
        Config server = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("host", "127.0.0.1", "port", "0"))).build();
        SyncConfig sync = new SyncConfig(URI.create("ws://127.0.0.1:" + hubPort + "/sync/v1"), KIOSK_ID, credential,
                Duration.ofSeconds(1), 100, null);
        kiosk = Kiosk.start(server, config, DeviceConfig.simulated(), AppealConfig.defaults(), Clock.systemUTC(),
                Optional.of(sync));
        base = "http://127.0.0.1:" + kiosk.port();
    }

    @AfterEach
    void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
        hub.close();
        hubStore.close();
    }

    @Test
    void metricsAndTheStaffViewFollowTheSyncThroughAHubOutage() throws Exception {
        await("connected, in the metrics", () -> metric("jinban_sync_connected").orElse(0) == 1);
        for (int i = 0; i < 2; i++) {
            file("第" + i + "件：路灯不亮");
        }
        await("the hub holds both appeals", () -> hubStore.appeals().size() == 2);
        // each filing is an appeal.filed and an audit.appended record, and the devices' health one
        await("every record acknowledged, counted", () -> metric("jinban_sync_records_acked").orElse(0) >= 5);
        await("the queue empty, in the metrics", () -> metric("jinban_sync_queue").orElse(-1) == 0);
        assertEquals(0, metric("jinban_sync_records_rejected").orElseThrow());
        assertEquals(0, metric("jinban_sync_oldest_unsent_seconds").orElseThrow());
        double contact = metric("jinban_sync_last_contact_seconds").orElseThrow();
        assertTrue(contact >= 0 && contact < 30, "heard from the hub lately: " + contact);
        assertEquals(0, metric("jinban_sync_reconnects").orElseThrow());

        String no = hubStore.appeals().getFirst().trackingNo();
        moveStatus(no, "RECEIVED");
        await("the status item counted as applied", () -> metric("jinban_sync_items_applied").orElse(0) == 1);
        assertEquals(0, metric("jinban_sync_items_skipped").orElseThrow());

        assertEquals(401, staffSync(null).statusCode(), "staff only");
        assertEquals(401, staffSync("not-a-session").statusCode(), "staff only");
        String token = login();
        JsonNode up = json(staffSync(token));
        assertTrue(up.path("configured").asBoolean(), up.toString());
        assertTrue(up.path("connected").asBoolean(), up.toString());
        // the login itself is audited, and its audit.appended record may still be on its way up
        await("the staff view shows an empty queue", () -> json(staffSync(token)).path("queue").asLong(-1) == 0);
        assertTrue(up.path("lastContactSeconds").isIntegralNumber(), up.toString());
        assertTrue(up.path("lastError").isNull(), up.toString());

        hub.close();
        await("the kiosk sees the hub gone", () -> metric("jinban_sync_connected").orElse(1) == 0);
        file("停电时反映的一件");
        await("a reconnect counted", () -> metric("jinban_sync_reconnects").orElse(0) >= 1);
        JsonNode down = json(staffSync(token));
        assertFalse(down.path("connected").asBoolean(true), down.toString());
        assertTrue(down.path("queue").asLong() >= 2, down.toString());
        assertTrue(down.path("oldestUnsentSeconds").isIntegralNumber(), down.toString());
        String kind = down.path("lastError").path("kind").asText();
        assertTrue(List.of("closed", "unreachable", "connection").contains(kind), down.toString());
        assertFalse(down.path("lastError").path("detail").asText().isBlank(), down.toString());
        assertTrue(metric("jinban_sync_queue").orElse(0) >= 2);

        hub = HubServer.start(hubConfig, hubStore);
        await("the appeal filed meanwhile reaches the hub", () -> hubStore.appeals().size() == 3);
        await("connected again", () -> json(staffSync(token)).path("connected").asBoolean());
    }

    @Test
    void aPrinterRunningOutOfPaperGoesUpAsOneDeviceHealthRecord() throws Exception {
        await("the devices' states at start reach the hub", () -> deviceHealth().size() == 1);
        JsonNode first = deviceHealth().getFirst();
        assertEquals("ok", first.path("devices").path("gpio").path("state").asText(), first.toString());
        assertTrue(first.has("at"), first.toString());

        // a burst: paper out, back, out again: within the interval, one more record at most,
        // and it holds the latest state
        simulatePrinter("{\"paperEnd\":true}");
        simulatePrinter("{\"paperEnd\":false}");
        simulatePrinter("{\"paperEnd\":true}");
        await("the paper end reaches the hub", () -> deviceHealth().size() == 2);
        JsonNode printer = deviceHealth().get(1).path("devices").path("printer");
        assertEquals("offline", printer.path("state").asText(), printer.toString());
        assertEquals("paper end", printer.path("reason").asText(), printer.toString());
        Thread.sleep(2_000);
        assertEquals(2, deviceHealth().size(), "a burst is one record");
        assertEquals(0, metric("jinban_sync_queue").orElse(-1), "and the kiosk's outbox is empty");
    }

    /** The payloads of the device.health records the hub stored, in the order it received them. */
    private List<JsonNode> deviceHealth() {
        List<JsonNode> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + hubConfig.dataDir().resolve("hub.db"));
             PreparedStatement st = c.prepareStatement("SELECT payload FROM received_record WHERE kind = ?"
                     + " AND kiosk_id = ? ORDER BY created_at, received_at")) {
            st.setString(1, "device.health");
            st.setString(2, KIOSK_ID);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(Kiosk.objectMapper().readTree(rs.getString(1)));
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void simulatePrinter(String body) throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/simulator/printer"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(204, res.statusCode(), res.body());
    }

    private void moveStatus(String trackingNo, String status) throws Exception {
        HttpResponse<String> moved = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubConfig.port()
                        + "/admin/v1/appeals/" + trackingNo + "/status")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}")));
        assertEquals(200, moved.statusCode(), moved.body());
    }

    private String login() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/staff/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"badge\":\"JBSTAFF:S002\",\"pin\":\"135790\"}")));
        assertEquals(201, res.statusCode(), res.body());
        return json(res).path("token").asText();
    }

    private HttpResponse<String> staffSync(String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/staff/sync")).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    private void file(String description) throws Exception {
        String body = Kiosk.objectMapper().writeValueAsString(Map.of("id", UUID.randomUUID().toString(),
                "category", "URBAN-STREETLIGHT", "description", description, "consent", true));
        HttpResponse<String> res = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/appeals"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, res.statusCode(), res.body());
    }

    /** A sample of {@code name} (a counter's {@code _total} too) in the Prometheus text, if there is one. */
    private OptionalDouble metric(String name) {
        String text = send(HttpRequest.newBuilder(URI.create(base + "/observe/metrics")).header("Accept", "text/plain")
                .GET()).body();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{") || line.startsWith(name + "_total ")
                    || line.startsWith(name + "_total{")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> res) {
        try {
            return Kiosk.objectMapper().readTree(res.body());
        } catch (Exception e) {
            throw new IllegalStateException(res.body(), e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 45 s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
