package org.jinban.sync.hub.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The hub's admin API as a test calls it. */
public final class AdminClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;

    public AdminClient(URI base) {
        this.base = base;
    }

    public record Reply(int status, String contentType, JsonNode body) {
    }

    public Reply get(String path) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public Reply post(String path, String body) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Enrolls a kiosk and returns its credential. */
    public String enroll(String kioskId) throws Exception {
        Reply r = post("/kiosks", "{\"kioskId\":\"" + kioskId + "\"}");
        if (r.status() != 201) {
            throw new AssertionError("enroll answered " + r);
        }
        return r.body().get("credential").asText();
    }

    private Reply call(HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.body().isEmpty() ? null : json.readTree(r.body()));
    }
}
