package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.kiosk.testing.FaultProxy;
import org.jinban.sync.client.SyncConfig;
import org.jinban.sync.hub.HubConfig;
import org.jinban.sync.hub.HubServer;
import org.jinban.sync.hub.HubStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kiosk and the reference hub on loopback: appeals filed at the kiosk reach the hub once and
 * are acknowledged; a status moved at the hub shows at the kiosk; appeals filed while the hub is
 * down go up when it is back.
 */
@Timeout(120)
class KioskHubSyncIT {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void appealsGoUpOnceAndStatusesComeDownAcrossAHubRestart() throws Exception {
        int hubPort;
        try (ServerSocket s = new ServerSocket(0)) {
            hubPort = s.getLocalPort();
        }
        HubConfig hubConfig = new HubConfig(hubPort, dir.resolve("hub"), 1, 100);
        HubStore hubStore = HubStore.open(hubConfig.dataDir(), Clock.systemUTC());
        HubServer hub = HubServer.start(hubConfig, hubStore);
        String credential = hubStore.enroll("K-370783001001-01").orElseThrow();

        SyncConfig sync = new SyncConfig(URI.create("ws://127.0.0.1:" + hubPort + "/sync/v1"), "K-370783001001-01",
                credential, Duration.ofSeconds(2), 100, null);
        try (Kiosk kiosk = startKiosk(sync)) {
            String base = "http://127.0.0.1:" + kiosk.port();
            List<JsonNode> filed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                filed.add(file(base, "第" + i + "件：路灯不亮"));
            }
            await("the hub holds the three appeals", () -> hubStore.appeals().size() == 3);
            await("the kiosk's outbox is empty", () -> health(base).path("queue").asLong(-1) == 0);
            assertTrue(health(base).path("connected").asBoolean(), health(base).toString());

            String no = filed.getFirst().get("trackingNo").asText();
            String verifier = filed.getFirst().get("verifier").asText();
            HttpResponse<String> moved = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort
                    + "/admin/v1/appeals/" + no + "/status")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"DISPATCHED\",\"handlingLevel\":\"STREET\","
                            + "\"department\":\"圣城街道城管办\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, moved.statusCode(), moved.body());
            await("the kiosk shows the hub's status", () -> "DISPATCHED".equals(view(base, no, verifier)
                    .path("status").asText()));

            hub.close();
            await("the kiosk sees the hub gone", () -> !health(base).path("connected").asBoolean(true));
            filed.add(file(base, "停电时反映的一件"));
            filed.add(file(base, "停电时反映的第二件"));
            assertTrue(health(base).path("queue").asLong() >= 2, health(base).toString());

            hub = HubServer.start(hubConfig, hubStore);
            await("the appeals filed meanwhile reach the hub", () -> hubStore.appeals().size() == 5);
            await("and the outbox empties again", () -> health(base).path("queue").asLong(-1) == 0);
            assertEquals(5, hubStore.appeals().stream().map(HubStore.AppealRow::trackingNo).distinct().count(),
                    "each appeal once");
        } finally {
            hub.close();
            hubStore.close();
        }
    }

    /**
     * A catalog far larger than a frame: the hub sends it in parts, one per frame; the link is
     * cut after the kiosk took the first, and the kiosk resumes at the next part and serves the
     * whole version only once the last one is applied.
     */
    @Test
    void aCatalogLargerThanAFrameReachesTheKioskInPartsAcrossACutLink() throws Exception {
        HubConfig hubConfig = new HubConfig(0, dir.resolve("hub"), 1, 100);
        HubStore hubStore = HubStore.open(hubConfig.dataDir(), Clock.systemUTC());
        HubServer hub = HubServer.start(hubConfig, hubStore);
        String credential = hubStore.enroll("K-370783001001-02").orElseThrow();
        List<org.jinban.kiosk.testing.CatalogFixtures.ItemBuilder> items = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            items.add(org.jinban.kiosk.testing.CatalogFixtures.item(String.format("JB-L%05d", i),
                    "大目录事项第" + i + "号", "Large catalog item " + i)
                    .material("居民身份证原件及复印件一份，户口簿原件，近期免冠照片两张", "ID card, household register, photos"));
        }
        items.add(org.jinban.kiosk.testing.CatalogFixtures.item("JB-LAST", "长者助浴上门预约", "Home bathing help"));
        String document = Kiosk.objectMapper().writeValueAsString(org.jinban.kiosk.testing.CatalogFixtures.catalog(
                900, items.toArray(org.jinban.kiosk.testing.CatalogFixtures.ItemBuilder[]::new)));

        try (FaultProxy proxy = FaultProxy.start(hub.port(), new java.util.Random(7))) {
            SyncConfig sync = new SyncConfig(URI.create("ws://127.0.0.1:" + proxy.port() + "/sync/v1"),
                    "K-370783001001-02", credential, Duration.ofSeconds(2), 100, null);
            try (Kiosk kiosk = startKiosk(sync)) {
                String base = "http://127.0.0.1:" + kiosk.port();
                await("the kiosk is connected", () -> health(base).path("connected").asBoolean());
                SyncCursors cursors = new SyncCursors(kiosk.database());
                long before = cursors.cursor("catalog");

                HttpResponse<String> published = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + hub.port() + "/admin/v1/catalog")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(document)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, published.statusCode(), published.body());
                JsonNode appended = Kiosk.objectMapper().readTree(published.body()).get("kiosks").get(0);
                int parts = appended.get("items").asInt();
                long last = appended.get("seq").asLong();
                assertTrue(parts > 10, "parts: " + parts);

                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (cursors.cursor("catalog") == before && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                proxy.dropAll();
                long cut = cursors.cursor("catalog");
                assertTrue(cut > before && cut < last, "the link was cut between two parts: " + cut + " of " + last);
                assertEquals(List.of(), search(base, "长者助浴"), "the version held is served until the last part");

                await("the kiosk takes the rest after it reconnects", () -> cursors.cursor("catalog") == last);
                assertTrue(proxy.connections() >= 2, "it reconnected");
                assertEquals(List.of("JB-LAST"), search(base, "长者助浴"));
                assertEquals(0, kiosk.database().read("count parts", StagedCatalogParts::count));
            }
        } finally {
            hub.close();
            hubStore.close();
        }
    }

    /** A kiosk with simulated devices and the demo catalog, on a free loopback port, syncing as {@code sync} says. */
    private Kiosk startKiosk(SyncConfig sync) {
        KioskConfig config = new KioskConfig(dir.resolve("kiosk"), "东关社区便民服务站", "Dongguan Community Service Station",
                "370783001001", Optional.empty(), "zh-CN", Duration.ofSeconds(60), Duration.ofSeconds(180),
                "classpath:catalog/demo-catalog.json");
        Config server = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("host", "127.0.0.1", "port", "0"))).build();
        return Kiosk.start(server, config, DeviceConfig.simulated(), AppealConfig.defaults(), Clock.systemUTC(),
                Optional.of(sync));
    }

    private List<String> search(String base, String q) {
        List<String> codes = new ArrayList<>();
        get(base + "/api/v1/catalog/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
                .path("items").forEach(i -> codes.add(i.path("code").asText()));
        return codes;
    }

    private JsonNode file(String base, String description) throws Exception {
        String body = Kiosk.objectMapper().writeValueAsString(Map.of("id", UUID.randomUUID().toString(),
                "category", "URBAN-STREETLIGHT", "description", description, "consent", true));
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/appeals"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, res.statusCode(), res.body());
        return Kiosk.objectMapper().readTree(res.body());
    }

    private JsonNode view(String base, String no, String verifier) {
        return get(base + "/api/v1/appeals/" + no + "?verifier=" + verifier);
    }

    private JsonNode health(String base) {
        JsonNode checks = get(base + "/observe/health").path("checks");
        for (JsonNode check : checks) {
            if ("sync".equals(check.path("name").asText())) {
                return check.path("data");
            }
        }
        return Kiosk.objectMapper().createObjectNode();
    }

    private JsonNode get(String url) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return Kiosk.objectMapper().readTree(res.body());
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
