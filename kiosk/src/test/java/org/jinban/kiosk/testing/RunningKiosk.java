package org.jinban.kiosk.testing;

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
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;

/** A real kiosk on a random loopback port with a scratch data directory, and a client for it. */
public final class RunningKiosk implements AutoCloseable {
    private final Kiosk kiosk;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = Kiosk.objectMapper();

    private RunningKiosk(Kiosk kiosk) {
        this.kiosk = kiosk;
    }

    /** Starts a kiosk whose catalog seed is {@code doc}, written to a file in {@code dir}. */
    public static RunningKiosk start(Path dir, CatalogDocument doc, Optional<Path> webRoot) throws IOException {
        Path seed = dir.resolve("catalog.json");
        Files.write(seed, Kiosk.objectMapper().writeValueAsBytes(doc));
        return start(dir, seed.toString(), webRoot, Duration.ofSeconds(60));
    }

    public static RunningKiosk start(Path dir, String seed, Optional<Path> webRoot, Duration idle) {
        return new RunningKiosk(Kiosk.start(server(), config(dir, seed, webRoot, idle)));
    }

    /** A kiosk with the demo catalog, simulated devices, these appeal settings and this clock. */
    public static RunningKiosk start(Path dir, AppealConfig appeals, Clock clock) {
        return new RunningKiosk(Kiosk.start(server(), config(dir, "classpath:catalog/demo-catalog.json",
                Optional.empty(), Duration.ofSeconds(60)), DeviceConfig.simulated(), appeals, clock));
    }

    private static KioskConfig config(Path dir, String seed, Optional<Path> webRoot, Duration idle) {
        return new KioskConfig(dir.resolve("data"), "东关社区便民服务站", "Dongguan Community Service Station",
                "370783001001", webRoot, "zh-CN", idle, idle.multipliedBy(3), seed);
    }

    private static Config server() {
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("host", "127.0.0.1", "port", "0"))).build();
    }

    public Kiosk kiosk() {
        return kiosk;
    }

    public int port() {
        return kiosk.port();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + kiosk.port() + pathAndQuery);
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    /** POSTs {@code body} (a JSON text) with the given extra headers (name, value, ...). */
    public HttpResponse<String> post(String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    public String toJson(Object value) throws IOException {
        return json.writeValueAsString(value);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode json(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    @Override
    public void close() {
        kiosk.close();
    }
}
