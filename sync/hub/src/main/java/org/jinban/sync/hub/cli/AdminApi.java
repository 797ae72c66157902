package org.jinban.sync.hub.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hub's admin API as the CLI calls it: JSON in, JSON out; a problem+json answer becomes a
 * {@link CliException.Refused} in plain words, a hub that cannot be reached a
 * {@link CliException.Unreachable}.
 */
final class AdminApi {
    static final String PREFIX = "/admin/v1";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI hub;

    AdminApi(URI hub) {
        String scheme = hub.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || hub.getHost() == null) {
            throw new CliException.Usage("--hub: " + hub + " is not an http:// or https:// address of a hub");
        }
        String text = hub.toString();
        this.hub = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    ObjectMapper json() {
        return json;
    }

    /** The hub's address as given, without a trailing slash. */
    URI hub() {
        return hub;
    }

    JsonNode get(String path) {
        return call(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode post(String path, String body) {
        return call(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    JsonNode post(String path, JsonNode body) {
        return post(path, body.toString());
    }

    /** A path segment made safe for a URL (tracking numbers and kiosk ids are plain, but typed by hand). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(String path) {
        return URI.create(hub + path);
    }

    private JsonNode call(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(CALL_TIMEOUT).header("Accept", "application/json").build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException.Unreachable("cannot reach the hub at " + hub + " (" + reason(e)
                    + "); is it running, and is --hub right?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException.Unreachable("interrupted while calling the hub at " + hub);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            return body;
        }
        throw refused(built, response, body);
    }

    private CliException.Refused refused(HttpRequest request, HttpResponse<String> response, JsonNode body) {
        String what = request.method() + " " + request.uri().getPath();
        if (body != null && body.hasNonNull("detail")) {
            String title = body.path("title").asText(null);
            String kind = body.path("type").asText("");
            kind = kind.substring(kind.lastIndexOf('/') + 1);
            return new CliException.Refused(response.statusCode(), kind,
                    "the hub refused " + what + ": " + (title == null ? "" : title + ": ") + body.get("detail").asText()
                            + " (HTTP " + response.statusCode() + ")");
        }
        String text = response.body() == null ? "" : response.body().strip();
        return new CliException.Refused(response.statusCode(), "",
                "the hub answered " + what + " with HTTP " + response.statusCode()
                        + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text)));
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String reason(IOException e) {
        String name = e.getClass().getSimpleName();
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }
}
