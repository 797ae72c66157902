package org.jinban.kiosk.http;

import java.util.List;

import io.helidon.webserver.http.ServerRequest;

/**
 * Reads a request's JSON body into a record. A body that is missing, not JSON, or not of the
 * expected shape is the caller's mistake: a 400 that says so, never a 500.
 */
public final class JsonBody {
    private JsonBody() {
    }

    public static <T> T read(ServerRequest req, Class<T> type) {
        T body;
        try {
            body = req.content().hasEntity() ? req.content().as(type) : null;
        } catch (RuntimeException e) {
            // Helidon and Jackson say "unsupported media type" or "cannot parse" in many ways;
            // for the caller they are all one mistake, and their text names our classes
            body = null;
        }
        if (body == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("body",
                    "must be a JSON object (Content-Type: application/json), see docs/api.md")));
        }
        return body;
    }
}
