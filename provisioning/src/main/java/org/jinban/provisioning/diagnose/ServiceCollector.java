package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The running kiosk service as it sees itself: {@code /observe/health} (its catalog, devices
 * and sync checks) and the {@code jinban_sync_*} figures of {@code /observe/metrics}. Each
 * request has a short time limit; a service that does not answer is written down as such and
 * is not by itself a problem of the diagnostics (the kiosk may just be stopped).
 */
final class ServiceCollector implements Collector {
    private static final int MAX_BODY = 2 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final URI kioskUrl;
    private final Duration timeout;

    ServiceCollector(URI kioskUrl, Duration timeout) {
        this.kioskUrl = kioskUrl;
        this.timeout = timeout;
    }

    @Override
    public String title() {
        return "kiosk service";
    }

    @Override
    public Duration timeLimit() {
        return timeout.multipliedBy(4).plusSeconds(5);
    }

    private record Answer(int status, String body) {
    }

    @Override
    public void collect(Section section) throws InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build()) {
            Answer health;
            try {
                health = get(http, "/observe/health", "application/json");
            } catch (IOException e) {
                section.notCollected("kiosk service", "not answering at " + kioskUrl + " (" + why(e) + ")");
                section.entry("sync.txt", "kiosk service not answering at " + kioskUrl + " (" + why(e) + ")\n");
                return;
            }
            JsonNode checks = health(section, health);
            StringBuilder sync = new StringBuilder("== the sync check of /observe/health\n");
            JsonNode syncCheck = check(checks, "sync");
            sync.append(syncCheck == null ? "no sync check in the health answer" : JSON.valueToTree(syncCheck)
                    .toPrettyString()).append('\n');
            sync.append("\n== jinban_sync_* of /observe/metrics\n");
            try {
                Answer metrics = get(http, "/observe/metrics", "text/plain");
                if (metrics.status() != 200) {
                    sync.append("HTTP ").append(metrics.status()).append('\n');
                    section.notCollected("sync metrics", "/observe/metrics answered HTTP " + metrics.status());
                } else {
                    List<String> lines = syncLines(metrics.body());
                    sync.append(lines.isEmpty() ? "none (the kiosk has no central platform configured)\n"
                            : String.join("\n", lines) + "\n");
                    judgeSync(lines, section);
                }
            } catch (IOException e) {
                sync.append("no answer: ").append(why(e)).append('\n');
                section.notCollected("sync metrics", "/observe/metrics did not answer (" + why(e) + ")");
            }
            section.entry("sync.txt", sync.toString());
            section.collected("sync: " + syncLine(syncCheck));
        }
    }

    private Answer get(HttpClient http, String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(kioskUrl.resolve(path)).timeout(timeout)
                .header("Accept", accept).GET().build();
        HttpResponse<InputStream> res = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = res.body()) {
            return new Answer(res.statusCode(), new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8));
        }
    }

    /** Writes the health answer; a status other than UP is a problem. Returns its checks, or null. */
    private JsonNode health(Section section, Answer health) {
        if (health.body().isBlank() && health.status() / 100 == 2) {
            section.entry("service/health.json", "");
            section.collected("kiosk service answering at " + kioskUrl + ": HTTP " + health.status()
                    + " without details (health details are turned off)");
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(health.body());
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            section.entry("service/health.json", health.body());
            section.problem("kiosk service: /observe/health answered HTTP " + health.status() + " with no JSON"
                    + " (is another program listening at " + kioskUrl + "?)");
            return null;
        }
        section.entry("service/health.json", root.toPrettyString() + "\n");
        String status = root.path("status").asText("?");
        List<String> down = new ArrayList<>();
        for (JsonNode c : root.path("checks")) {
            if (!"UP".equals(c.path("status").asText())) {
                down.add(c.path("name").asText("?") + " " + c.path("status").asText("?") + " " + c.path("data"));
            }
        }
        section.collected("kiosk service answering at " + kioskUrl + ": " + status
                + devicesLine(check(root.path("checks"), "devices")));
        if (!"UP".equals(status) || !down.isEmpty()) {
            section.problem("kiosk service: health " + status + (down.isEmpty() ? "" : "; " + String.join("; ", down)));
        }
        return root.path("checks");
    }

    private static JsonNode check(JsonNode checks, String name) {
        if (checks == null) {
            return null;
        }
        for (JsonNode c : checks) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        return null;
    }

    private static String devicesLine(JsonNode devices) {
        if (devices == null || !devices.path("data").isObject()) {
            return "";
        }
        List<String> states = new ArrayList<>();
        devices.path("data").properties().forEach(e -> states.add(e.getKey() + " " + e.getValue().asText()));
        return states.isEmpty() ? "" : "; devices: " + String.join(", ", states);
    }

    private static String syncLine(JsonNode sync) {
        if (sync == null) {
            return "no sync check";
        }
        JsonNode d = sync.path("data");
        if (!d.path("configured").asBoolean(true)) {
            return "no central platform configured";
        }
        return "connected " + d.path("connected").asText("?") + ", queue " + d.path("queue").asText("?")
                + ", oldest unsent " + d.path("oldestUnsentSeconds").asText("?") + " s"
                + (d.has("lastError") ? ", last error: " + d.path("lastError").asText() : "");
    }

    static List<String> syncLines(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("jinban_sync_")
                || l.startsWith("# TYPE jinban_sync_") || l.startsWith("# HELP jinban_sync_")).toList();
    }

    /** Records the platform refused for good, or items the kiosk could not apply, are worth a look. */
    private static void judgeSync(List<String> lines, Section section) {
        for (String metric : List.of("jinban_sync_records_rejected", "jinban_sync_items_skipped")) {
            for (String line : lines) {
                if (line.startsWith(metric + "_total") || line.startsWith(metric + " ") || line.startsWith(metric + "{")) {
                    try {
                        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        if (value > 0) {
                            section.problem("sync: " + metric + " is " + (long) value
                                    + " since the kiosk started (see sync.txt and the logs)");
                        }
                    } catch (NumberFormatException e) {
                        // not a sample line; nothing to judge
                    }
                }
            }
        }
    }

    private String why(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() / 1000.0 + " s";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return Diagnosis.describe(e);
    }
}
