package org.jinban.ui.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.kiosk.enroll.TechnicianSetup;
import org.jinban.kiosk.screen.ScreenConfig;
import org.jinban.sync.client.SyncConfig;

/**
 * A real kiosk (database, demo catalog, HTTP API and the touch page from src/main/web) on a
 * random loopback port, plus a small JDK HTTP client to ask its API what the page should show.
 */
public final class KioskFixture implements AutoCloseable {
    public static final String GRID_CODE = "370783001001";
    public static final String STATION_ZH = "圣城街道丰华社区便民服务站";
    public static final String STATION_EN = "Fenghua Community Service Station";
    /** The production idle timeouts: back to the home screen after 60 s, 180 s in elderly mode. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration ELDER_IDLE_TIMEOUT = Duration.ofSeconds(180);
    public static final String DEMO_CATALOG = "classpath:catalog/demo-catalog.json";

    private final Kiosk kiosk;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = Kiosk.objectMapper();

    private KioskFixture(Kiosk kiosk) {
        this.kiosk = kiosk;
    }

    /** A kiosk with the production idle timeouts (60 s, 180 s in elderly mode). */
    public static KioskFixture start(Path dataDir) {
        return start(dataDir, IDLE_TIMEOUT, ELDER_IDLE_TIMEOUT);
    }

    public static KioskFixture start(Path dataDir, Duration idleTimeout, Duration elderIdleTimeout) {
        return start(dataDir, idleTimeout, elderIdleTimeout, DEMO_CATALOG);
    }

    /** @param catalogSeed {@code classpath:...} or the path of a catalog file */
    public static KioskFixture start(Path dataDir, Duration idleTimeout, Duration elderIdleTimeout, String catalogSeed) {
        return start(dataDir, idleTimeout, elderIdleTimeout, catalogSeed, 0);
    }

    /** A kiosk on a given port (0: any free one), to restart it where the page expects it. */
    public static KioskFixture start(Path dataDir, Duration idleTimeout, Duration elderIdleTimeout, String catalogSeed,
                                     int port) {
        return start(dataDir, idleTimeout, elderIdleTimeout, catalogSeed, port, Optional.empty());
    }

    /**
     * As above, syncing with the central platform {@code sync} names (none: the kiosk works alone).
     * The screen never dims: a test page may wait on the home screen as long as it needs.
     */
    public static KioskFixture start(Path dataDir, Duration idleTimeout, Duration elderIdleTimeout, String catalogSeed,
                                     int port, Optional<SyncConfig> sync) {
        return start(dataDir, idleTimeout, elderIdleTimeout, catalogSeed, port, sync, ScreenConfig.never(), webRoot());
    }

    /** As above, with how the screen dims and the page's directory (a copy, to install a new version). */
    public static KioskFixture start(Path dataDir, Duration idleTimeout, Duration elderIdleTimeout, String catalogSeed,
                                     int port, Optional<SyncConfig> sync, ScreenConfig screen, Path webRoot) {
        return start(dataDir, idleTimeout, elderIdleTimeout, catalogSeed, port, sync, screen, webRoot,
                TechnicianSetup.none());
    }

    /** As above, with the technician screen (a kiosk waiting for its enrollment, its PIN). */
    public static KioskFixture start(Path dataDir, Duration idleTimeout, Duration elderIdleTimeout, String catalogSeed,
                                     int port, Optional<SyncConfig> sync, ScreenConfig screen, Path webRoot,
                                     TechnicianSetup technician) {
        Config server = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("host", "127.0.0.1", "port", String.valueOf(port))))
                .build();
        KioskConfig config = new KioskConfig(dataDir, STATION_ZH, STATION_EN, GRID_CODE,
                Optional.of(webRoot), "zh-CN", idleTimeout, elderIdleTimeout, catalogSeed);
        return new KioskFixture(Kiosk.start(server, config, DeviceConfig.simulated(), AppealConfig.defaults(),
                Clock.systemDefaultZone(), sync, screen, technician));
    }

    /** The page's directory: set by Failsafe; falls back to the module layout when run from an IDE. */
    public static Path webRoot() {
        String prop = System.getProperty("jinban.webRoot");
        Path root = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("src/main/web");
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            throw new IllegalStateException("no index.html in " + root.toAbsolutePath()
                    + " (set -Djinban.webRoot to ui-web/src/main/web)");
        }
        return root.toAbsolutePath();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + kiosk.port() + "/";
    }

    /** GET /api/v1{pathAndQuery} in one language; fails the test unless the answer is 200 JSON. */
    public JsonNode api(String pathAndQuery, String lang) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "api/v1" + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("Accept-Language", lang)
                .GET().build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, res.statusCode(), () -> "GET " + pathAndQuery + " -> " + res.body());
            return json.readTree(res.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The search API: {total, items:[{code, name, ...}]}. */
    public JsonNode search(String q, String lang) {
        return api("/catalog/search?q=" + enc(q) + "&lang=" + lang + "&limit=20", lang);
    }

    /** Every item code of a department ("department") or a life event ("lifeEvent"), in API order. */
    public List<String> groupCodes(String param, String code) {
        List<String> codes = new ArrayList<>();
        int total;
        do {
            JsonNode page = api("/catalog/search?q=&" + param + "=" + enc(code) + "&limit=20&offset=" + codes.size()
                    + "&lang=zh-CN", "zh-CN");
            total = page.get("total").asInt();
            page.get("items").forEach(it -> codes.add(it.get("code").asText()));
            if (page.get("items").isEmpty()) {
                break;
            }
        } while (codes.size() < total);
        assertEquals(total, codes.size(), "API paging of " + param + "=" + code);
        return codes;
    }

    public JsonNode item(String code, String lang) {
        return api("/catalog/items/" + enc(code) + "?lang=" + lang, lang);
    }

    /** The code of the first search result, e.g. firstCode("lnr") = 老年人优待证办理's code. */
    public String firstCode(String q) {
        JsonNode items = search(q, "zh-CN").get("items");
        if (items.isEmpty()) {
            throw new AssertionError("the API finds nothing for '" + q + "'");
        }
        return items.get(0).get("code").asText();
    }

    /** POST /api/v1{path} with a JSON body; the answer as it came (status and body). */
    public HttpResponse<String> post(String path, String jsonBody) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "api/v1" + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8)).build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("POST " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** PUT /api/v1{path} with a JSON body; the answer as it came (status and body). */
    public HttpResponse<String> put(String path, String jsonBody) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "api/v1" + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8)).build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("PUT " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** DELETE /api/v1{path}; the answer's status. */
    public int delete(String path) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "api/v1" + path))
                .timeout(Duration.ofSeconds(10))
                .DELETE().build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError("DELETE " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** POST /api/v1/simulator{path}; fails the test unless the simulator answers 204. */
    public void simulate(String path, String jsonBody) {
        HttpResponse<String> res = post("/simulator" + path, jsonBody);
        assertEquals(204, res.statusCode(), () -> "POST /simulator" + path + " " + jsonBody + " -> " + res.body());
    }

    /** The JSON of a problem+json or JSON answer. */
    public JsonNode json(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        kiosk.close();
    }
}
