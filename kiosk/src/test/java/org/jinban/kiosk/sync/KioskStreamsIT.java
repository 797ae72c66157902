package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.kiosk.staff.PinHasher;
import org.jinban.sync.client.SyncConfig;
import org.jinban.sync.hub.HubConfig;
import org.jinban.sync.hub.HubServer;
import org.jinban.sync.hub.HubStore;
import org.jinban.sync.protocol.CommandSignature;
import org.jinban.sync.protocol.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kiosk taking the roster, config and command streams from the reference hub on
 * loopback: the centre's staff log in and the demo badges no longer do, the settings the page
 * reads change without a restart of the kiosk, a signed command prints the test page once and
 * its replay is refused and audited. Items go in through {@link HubStore#appendItem}; the hub
 * delivers them at the kiosk's next hello, so the test restarts the hub to send more.
 */
@Timeout(120)
class KioskStreamsIT {
    private static final String KIOSK = "K-370783001001-01";
    private static final ObjectMapper JSON = Kiosk.objectMapper();

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final KeyPair hubKey = CommandSignature.generateKeyPair();

    @Test
    void theCentresRosterSettingsAndCommandsTakeEffectAtTheKiosk() throws Exception {
        int hubPort;
        try (ServerSocket s = new ServerSocket(0)) {
            hubPort = s.getLocalPort();
        }
        HubConfig hubConfig = new HubConfig(hubPort, dir.resolve("hub"), 1, 100);
        HubStore hubStore = HubStore.open(hubConfig.dataDir(), Clock.systemUTC());
        HubServer hub = HubServer.start(hubConfig, hubStore);
        String credential = hubStore.enroll(KIOSK).orElseThrow();

        PinHasher hasher = new PinHasher();
        ObjectNode roster = JSON.createObjectNode();
        ObjectNode member = roster.putArray("staff").addObject();
        member.put("id", "G-07").put("name", "赵敏").put("pinHash", hasher.hash("482916")).put("active", true);
        hubStore.appendItem(KIOSK, Streams.ROSTER, Streams.KIND_ROSTER_SNAPSHOT, roster);
        hubStore.appendItem(KIOSK, Streams.CONFIG, Streams.KIND_CONFIG_SNAPSHOT, config(Map.of(
                "kiosk.station.name", "圣城街道东关便民服务站", "kiosk.ui.idle-timeout", "PT90S")));
        ObjectNode print = command("print-test-page");
        hubStore.appendItem(KIOSK, Streams.COMMAND, Streams.KIND_COMMAND, print);
        hubStore.appendItem(KIOSK, Streams.COMMAND, Streams.KIND_COMMAND, print.deepCopy()); // a replay

        KioskConfig config = new KioskConfig(dir.resolve("kiosk"), "东关社区便民服务站", "Dongguan Community Service Station",
                "370783001001", Optional.empty(), "zh-CN", Duration.ofSeconds(60), Duration.ofSeconds(180),
                "classpath:catalog/demo-catalog.json");
        Config server = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("host", "127.0.0.1", "port", "0"))).build();
        SyncConfig sync = SyncConfig.from(key -> Optional.ofNullable(Map.of(
                "sync.hub-url", "ws://127.0.0.1:" + hubPort + "/sync/v1", "sync.kiosk-id", KIOSK,
                "sync.credential", credential, "sync.reconnect-cap", "2s",
                "sync.hub-public-key", CommandSignature.encodePublicKey(hubKey.getPublic())).get(key)));
        try (Kiosk kiosk = Kiosk.start(server, config, DeviceConfig.simulated(), AppealConfig.defaults(),
                Clock.systemUTC(), Optional.of(sync))) {
            String base = "http://127.0.0.1:" + kiosk.port();
            SyncCursors cursors = new SyncCursors(kiosk.database());
            await("the kiosk applied the three streams", () -> cursors.cursor(Streams.ROSTER) == 1
                    && cursors.cursor(Streams.CONFIG) == 1 && cursors.cursor(Streams.COMMAND) == 2);

            assertEquals(201, login(base, "JBSTAFF:G-07", "482916").statusCode(), "the centre's staff member");
            assertEquals(401, login(base, "JBSTAFF:S001", "246810").statusCode(), "the demo badge is gone");

            JsonNode settings = get(base + "/api/v1/kiosk/settings");
            assertEquals(90, settings.get("idleTimeoutSeconds").asLong());
            assertEquals(180, settings.get("elderIdleTimeoutSeconds").asLong(), "local where the centre is silent");
            assertEquals("圣城街道东关便民服务站", settings.get("stationName").get("zh-CN").asText());

            await("the test page is printed", () -> testPages(base) == 1);
            String id = print.get("commandId").asText();
            await("the command's outcome is audited", () -> audits(kiosk, "command.executed").size() == 1);
            assertTrue(audits(kiosk, "command.executed").getFirst().contains("printed"));
            List<String> refused = audits(kiosk, "command.refused");
            assertEquals(1, refused.size(), refused.toString());
            assertTrue(refused.getFirst().startsWith(id + "|") && refused.getFirst().contains("already executed"),
                    refused.getFirst());

            String trackingNo = file(base, "路灯不亮");
            await("the appeal is acknowledged by the hub", () -> one(kiosk, "SELECT acknowledged_at IS NOT NULL"
                    + " FROM appeal WHERE tracking_no = '" + trackingNo + "'").equals("1"));
            List<String> receipt = lastReceipt(base);
            assertTrue(receipt.contains("服务站：圣城街道东关便民服务站"), "the centre's station name on the receipt: "
                    + receipt);

            // more from the centre while the kiosk runs: a new config snapshot, a forged command, a purge
            hubStore.appendItem(KIOSK, Streams.CONFIG, Streams.KIND_CONFIG_SNAPSHOT,
                    config(Map.of("kiosk.ui.idle-timeout", "PT45S")));
            ObjectNode forged = command("restart-service");
            forged.put("signature", CommandSignature.sign(CommandSignature.generateKeyPair().getPrivate(), forged));
            hubStore.appendItem(KIOSK, Streams.COMMAND, Streams.KIND_COMMAND, forged);
            hubStore.appendItem(KIOSK, Streams.COMMAND, Streams.KIND_COMMAND, command("purge-personal-data"));
            hub.close();
            hub = HubServer.start(hubConfig, hubStore);
            await("the kiosk applied them", () -> cursors.cursor(Streams.CONFIG) == 2
                    && cursors.cursor(Streams.COMMAND) == 4);
            await("the acknowledged appeal's personal data is purged at once", () -> one(kiosk,
                    "SELECT purged_at IS NOT NULL AND description_enc IS NULL FROM appeal WHERE tracking_no = '"
                            + trackingNo + "'").equals("1"));
            settings = get(base + "/api/v1/kiosk/settings");
            assertEquals(45, settings.get("idleTimeoutSeconds").asLong(), "changed without a restart");
            assertEquals("东关社区便民服务站", settings.get("stationName").get("zh-CN").asText(),
                    "a key the later snapshot leaves out falls back to the local configuration");
            assertTrue(audits(kiosk, "command.refused").getLast().contains("bad signature"));
            assertEquals(1, testPages(base));
        } finally {
            hub.close();
            hubStore.close();
        }
    }

    private String file(String base, String description) throws Exception {
        String body = JSON.writeValueAsString(Map.of("id", UUID.randomUUID().toString(),
                "category", "URBAN-STREETLIGHT", "description", description, "consent", true));
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/appeals"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, res.statusCode(), res.body());
        return JSON.readTree(res.body()).get("trackingNo").asText();
    }

    private List<String> lastReceipt(String base) throws Exception {
        List<String> lines = new ArrayList<>();
        await("a receipt is printed", () -> get(base + "/api/v1/simulator/receipts").path("receipts").size() >= 2);
        JsonNode receipts = get(base + "/api/v1/simulator/receipts").path("receipts");
        receipts.get(receipts.size() - 1).path("lines").forEach(l -> lines.add(l.asText()));
        return lines;
    }

    private static String one(Kiosk kiosk, String sql) {
        return kiosk.database().read("read", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getString(1)) : "none";
            }
        });
    }

    private static ObjectNode config(Map<String, String> values) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode v = body.putObject("values");
        values.forEach(v::put);
        return body;
    }

    private ObjectNode command(String action) {
        Instant now = Instant.now();
        ObjectNode c = JSON.createObjectNode();
        c.put("commandId", UUID.randomUUID().toString()).put("kioskId", KIOSK).put("action", action);
        c.putObject("args");
        c.put("issuedAt", now.toString()).put("expiresAt", now.plusSeconds(300).toString());
        c.put("signature", CommandSignature.sign(hubKey.getPrivate(), c));
        return c;
    }

    private HttpResponse<String> login(String base, String badge, String pin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/staff/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("badge", badge, "pin", pin))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private int testPages(String base) {
        int n = 0;
        for (JsonNode receipt : get(base + "/api/v1/simulator/receipts").path("receipts")) {
            if (receipt.path("lines").toString().contains("Jinban printer test page")) {
                n++;
            }
        }
        return n;
    }

    private static List<String> audits(Kiosk kiosk, String action) {
        return kiosk.database().read("read the audit log", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT subject, detail FROM audit_log WHERE action = ? ORDER BY seq")) {
                ps.setString(1, action);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + "|" + rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    private JsonNode get(String url) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(res.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
