package org.jinban.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The calls of the hub's admin API (docs/sync-protocol.md) the fleet benchmark makes. Thread-safe. */
final class HubAdmin {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;

    /** @param base the admin API's root, e.g. {@code http://127.0.0.1:8090/admin/v1} */
    HubAdmin(URI base) {
        this.base = base;
    }

    /** Enrolls a kiosk; returns the credential the hub shows this once. */
    String enroll(String kioskId) throws IOException, InterruptedException {
        JsonNode answer = post("/kiosks", json.createObjectNode().put("kioskId", kioskId), 201);
        return answer.path("credential").asText();
    }

    /** Sets an appeal's status; the hub appends it to the owning kiosk's appeal-status stream. */
    void changeStatus(String trackingNo, String status) throws IOException, InterruptedException {
        post("/appeals/" + URLEncoder.encode(trackingNo, StandardCharsets.UTF_8) + "/status",
                json.createObjectNode().put("status", status).put("department", "fleet bench"), 200);
    }

    private JsonNode post(String path, JsonNode body, int expected) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != expected) {
            throw new IOException("POST " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return json.readTree(res.body());
    }
}
