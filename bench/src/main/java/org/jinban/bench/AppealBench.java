package org.jinban.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;

/**
 * Filing an appeal: {@code POST /api/v1/appeals} until its 201 (the answer comes after the
 * durable commit of appeal, outbox and audit record, {@code synchronous=FULL}), and from that
 * POST to the receipt printed by the simulated printer (its {@code receipt} event on SSE).
 * A {@code GET /api/v1/kiosk/settings} on the same connection is the baseline.
 */
final class AppealBench {
    private AppealBench() {
    }

    static List<String> run(Path work, int rounds) throws Exception {
        KioskConfig config = new KioskConfig(work.resolve("appeals-data"), "测试站", "Test station", "370783001001",
                Optional.empty(), "zh-CN", Duration.ofSeconds(60), Duration.ofSeconds(180),
                "classpath:catalog/demo-catalog.json");
        Config server = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("host", "127.0.0.1", "port", "0"))).build();
        ObjectMapper json = Kiosk.objectMapper();
        try (Kiosk kiosk = Kiosk.start(server, config, DeviceConfig.simulated(), AppealConfig.defaults(),
                Clock.systemDefaultZone())) {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + kiosk.port();
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            HttpResponse<Stream<String>> stream = client.sendAsync(HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/events")).build(), HttpResponse.BodyHandlers.ofLines())
                    .get(5, TimeUnit.SECONDS);
            Thread.startVirtualThread(() -> {
                try {
                    stream.body().filter(l -> l.startsWith("data:") && l.contains("trackingNo")).forEach(events::add);
                } catch (java.io.UncheckedIOException ended) {
                    // the kiosk stopped
                }
            });

            double[] baseline = new double[200 * rounds];
            double[] commit = new double[200 * rounds];
            for (int i = -100; i < commit.length; i++) {
                long s = System.nanoTime();
                client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/kiosk/settings")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                long b = System.nanoTime();
                HttpResponse<String> res = client.send(post(base, json, "第" + i + "件：小区东门路灯不亮"),
                        HttpResponse.BodyHandlers.ofString());
                long e = System.nanoTime();
                if (res.statusCode() != 201) {
                    throw new IllegalStateException("filing answered " + res.statusCode() + ": " + res.body());
                }
                if (i >= 0) {
                    baseline[i] = (b - s) / 1e6;
                    commit[i] = (e - b) / 1e6;
                }
            }
            // let the receipts of the run above print before timing single ones
            while (events.poll(2, TimeUnit.SECONDS) != null) {
                events.clear();
            }

            double[] printed = new double[20 * rounds];
            for (int i = 0; i < printed.length; i++) {
                long s = System.nanoTime();
                HttpResponse<String> res = client.send(post(base, json, "打印计时第" + i + "件"),
                        HttpResponse.BodyHandlers.ofString());
                String no = json.readTree(res.body()).get("trackingNo").asText();
                while (true) {
                    String event = events.poll(10, TimeUnit.SECONDS);
                    if (event == null) {
                        throw new IllegalStateException("no receipt event for " + no);
                    }
                    if (event.contains(no)) {
                        if (!event.contains("PRINTED")) {
                            throw new IllegalStateException("the receipt was not printed: " + event);
                        }
                        break;
                    }
                }
                printed[i] = (System.nanoTime() - s) / 1e6;
            }
            return List.of(
                    Bench.row("GET /api/v1/kiosk/settings (baseline, same connection)", Stats.of(baseline), "ms", "—"),
                    Bench.row("POST /api/v1/appeals → 201 after durable commit", Stats.of(commit), "ms", "p99 ≤ 25 ms"),
                    Bench.row("POST /api/v1/appeals → receipt printed (simulator, SSE event)", Stats.of(printed), "ms",
                            "≤ 1 s"));
        }
    }

    private static HttpRequest post(String base, ObjectMapper json, String description) throws Exception {
        String body = json.writeValueAsString(Map.of("id", UUID.randomUUID().toString(), "category",
                "URBAN-STREETLIGHT", "description", description, "phone", "13812345678", "consent", true));
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/appeals")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
