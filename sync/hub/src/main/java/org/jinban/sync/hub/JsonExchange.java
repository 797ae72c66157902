package org.jinban.sync.hub;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The JSON plumbing of the hub's HTTP handlers: read a body, answer JSON or RFC 9457
 * problem+json ({@code https://jinban.org/problems/{kind}}), check the caller is on loopback.
 */
final class JsonExchange {
    /** An admin body is a few fields; a larger one is refused before it is parsed. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper json;

    JsonExchange(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper json() {
        return json;
    }

    JsonNode body(Request request) {
        long length = request.getLength();
        if (length > MAX_BODY_BYTES) {
            throw new HttpProblem(413, "too-large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            String text = Content.Source.asString(request, StandardCharsets.UTF_8);
            if (text != null && text.length() > MAX_BODY_BYTES) {
                throw new HttpProblem(413, "too-large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            JsonNode node = json.readTree(text == null ? "" : text);
            if (node == null || !node.isObject()) {
                throw HttpProblem.invalid("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw HttpProblem.invalid("the body is not JSON");
        } catch (IOException e) {
            throw HttpProblem.invalid("the body could not be read");
        }
    }

    /** A required string field of a body, not blank. */
    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw HttpProblem.invalid(field + ": required");
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw HttpProblem.invalid(field + ": must be a non-blank string");
        }
        return n.asText();
    }

    /** An optional integer field within {@code min..max}, or {@code fallback} when absent. */
    static long integer(JsonNode body, String field, long fallback, long min, long max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            throw HttpProblem.invalid(field + ": must be an integer " + min + ".." + max);
        }
        return n.asLong();
    }

    static void requireLoopback(Request request) {
        if (!isLoopback(Request.getRemoteAddr(request))) {
            throw new HttpProblem(403, "forbidden", "the admin API answers loopback callers only");
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    void write(Response response, Callback callback, int status, JsonNode body) {
        send(response, callback, status, "application/json", body);
    }

    void problem(Response response, Callback callback, HttpProblem p) {
        ObjectNode body = json.createObjectNode()
                .put("type", "https://jinban.org/problems/" + p.type)
                .put("title", p.type.replace('-', ' '))
                .put("status", p.status)
                .put("detail", p.getMessage());
        send(response, callback, p.status, "application/problem+json", body);
    }

    private void send(Response response, Callback callback, int status, String type, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
        Content.Sink.write(response, true, body.toString(), callback);
    }
}
