package org.jinban.kiosk.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/v1/screen} on a real kiosk whose backlight is a temporary directory laid out like sysfs. */
class ScreenApiIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private Kiosk start(ScreenConfig screen) {
        Config server = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("host", "127.0.0.1", "port", "0"))).build();
        KioskConfig config = new KioskConfig(dir.resolve("data"), "东关社区便民服务站", "Dongguan Community Service Station",
                "370783001001", Optional.empty(), "zh-CN", Duration.ofSeconds(60), Duration.ofSeconds(180),
                "classpath:catalog/demo-catalog.json");
        return Kiosk.start(server, config, DeviceConfig.simulated(), AppealConfig.defaults(), Clock.systemDefaultZone(),
                Optional.empty(), screen);
    }

    private Path backlight(int max) throws IOException {
        Path d = Files.createDirectories(dir.resolve("backlight"));
        Files.writeString(d.resolve("max_brightness"), max + "\n");
        Files.writeString(d.resolve("brightness"), "1\n");
        return d;
    }

    private HttpResponse<String> send(Kiosk kiosk, String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kiosk.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(Kiosk kiosk, String body) throws IOException, InterruptedException {
        return send(kiosk, "PUT", "/api/v1/screen", body, "application/json");
    }

    private static JsonNode json(HttpResponse<String> res) throws IOException {
        return Kiosk.objectMapper().readTree(res.body());
    }

    @Test
    void dimsAndWakesTheBacklightAndTellsThePageHowLongToWait() throws Exception {
        Path b = backlight(255);
        try (Kiosk kiosk = start(new ScreenConfig(Duration.ofSeconds(90), Optional.of(b)))) {
            assertEquals("255\n", Files.readString(b.resolve("brightness")), "awake from the start");

            HttpResponse<String> dim = put(kiosk, "{\"state\":\"dim\"}");
            assertEquals(200, dim.statusCode(), dim.body());
            assertEquals("dim", json(dim).get("state").asText());
            assertEquals("set", json(dim).get("backlight").asText());
            assertEquals(51, json(dim).get("brightness").asInt());
            assertEquals("51\n", Files.readString(b.resolve("brightness")));
            assertEquals("dim", json(send(kiosk, "GET", "/api/v1/screen", null, null)).get("state").asText());

            HttpResponse<String> awake = put(kiosk, "{\"state\":\"awake\"}");
            assertEquals(200, awake.statusCode(), awake.body());
            assertEquals("255\n", Files.readString(b.resolve("brightness")));
            assertEquals("awake", json(send(kiosk, "GET", "/api/v1/screen", null, null)).get("state").asText());

            JsonNode settings = json(send(kiosk, "GET", "/api/v1/kiosk/settings", null, null));
            assertEquals(90, settings.get("dimAfterSeconds").asLong());
            assertEquals(60, settings.get("idleTimeoutSeconds").asLong());
        }
    }

    @Test
    void aBacklightThatIsNotThereNeverFailsThePage() throws Exception {
        try (Kiosk kiosk = start(new ScreenConfig(Duration.ZERO, Optional.of(dir.resolve("gone"))))) {
            for (String state : new String[] {"dim", "awake", "dim"}) {
                HttpResponse<String> res = put(kiosk, "{\"state\":\"" + state + "\"}");
                assertEquals(200, res.statusCode(), res.body());
                assertEquals(state, json(res).get("state").asText());
                assertEquals("unavailable", json(res).get("backlight").asText());
                assertFalse(json(res).has("brightness"), res.body());
            }
            assertFalse(Files.exists(dir.resolve("gone")));
            assertEquals(0, json(send(kiosk, "GET", "/api/v1/kiosk/settings", null, null)).get("dimAfterSeconds").asLong(),
                    "PT0S: the page never dims");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"state\":\"off\"}", "{\"state\":\"DIM\"}", "{\"state\":null}", "{\"state\":1}",
            "{\"state\":\"dim \"}", "not json", "[\"dim\"]", ""})
    void refusesABadBodyWithAProblemThatNamesIt(String body) throws Exception {
        Path b = backlight(100);
        try (Kiosk kiosk = start(new ScreenConfig(Duration.ofMinutes(2), Optional.of(b)))) {
            HttpResponse<String> res = put(kiosk, body);
            assertEquals(400, res.statusCode(), res.body());
            assertEquals("application/problem+json", res.headers().firstValue("content-type").orElse(""));
            JsonNode problem = json(res);
            assertEquals("https://jinban.org/problems/invalid-request", problem.get("type").asText());
            String field = problem.get("errors").get(0).get("field").asText();
            assertTrue(field.equals("state") || field.equals("body"), res.body());
            assertEquals("100\n", Files.readString(b.resolve("brightness")), "a refused request changes nothing");
            assertEquals("awake", json(send(kiosk, "GET", "/api/v1/screen", null, null)).get("state").asText());
        }
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        try (Kiosk kiosk = start(ScreenConfig.defaults())) {
            HttpResponse<String> res = send(kiosk, "POST", "/api/v1/screen", "{\"state\":\"dim\"}", "application/json");
            assertEquals(405, res.statusCode(), res.body());
            assertEquals("https://jinban.org/problems/method-not-allowed", json(res).get("type").asText());
            HttpResponse<String> wrongType = send(kiosk, "PUT", "/api/v1/screen", "{\"state\":\"dim\"}", "text/plain");
            assertEquals(400, wrongType.statusCode(), wrongType.body());
        }
    }
}
