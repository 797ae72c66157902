package org.jinban.kiosk.http;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure of the API to {@code application/problem+json}: {@link ApiException} as
 * it says, anything else as a 500 that says nothing of the inside (the log has the cause,
 * and the log never carries request data).
 */
public final class ProblemHandlers {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private final ObjectMapper json;

    public ProblemHandlers(ObjectMapper json) {
        this.json = json;
    }

    public void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, this::api)
                .error(HttpException.class, this::http)
                .error(Exception.class, this::unexpected);
    }

    /** Answers any API path that no service claimed. */
    public void unknownPath(ServerRequest req, ServerResponse res) {
        send(req, res, new ApiException(Status.NOT_FOUND_404, "no-such-resource", "No such API resource",
                "there is no API resource at this path", List.of()));
    }

    /** Answers a known API path asked with a method it does not take. */
    public void methodNotAllowed(ServerRequest req, ServerResponse res) {
        send(req, res, new ApiException(Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "Method not allowed",
                req.prologue().method().text() + " is not allowed here", List.of()));
    }

    private void api(ServerRequest req, ServerResponse res, ApiException e) {
        send(req, res, e);
    }

    /**
     * Helidon's own HTTP outcomes (a 304 Not Modified for a cached page file, a 404 for a file
     * that is not there, a 400 for a request it cannot parse) keep their status: an API caller
     * gets problem+json, the page's files get the bare status.
     */
    private void http(ServerRequest req, ServerResponse res, HttpException e) {
        Status status = e.status();
        if (req.path().absolute().path().startsWith("/api/")) {
            String type = status.code() == 404 ? "no-such-resource"
                    : status.code() < 500 ? "invalid-request" : "internal-error";
            send(req, res, new ApiException(status, type, status.reasonPhrase(),
                    status.code() < 500 ? "the request could not be understood" : "the kiosk could not answer",
                    List.of()));
            return;
        }
        res.status(status);
        if (status.code() == Status.NOT_MODIFIED_304.code()) {
            res.send();
        } else {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
            res.send(status.code() + " " + status.reasonPhrase());
        }
    }

    private void unexpected(ServerRequest req, ServerResponse res, Exception e) {
        LOG.error("request {} {} failed", req.prologue().method().text(), req.path().absolute().path(), e);
        send(req, res, new ApiException(Status.INTERNAL_SERVER_ERROR_500, "internal-error", "Internal error",
                "the kiosk could not answer; please try again or ask the station staff", List.of()));
    }

    private void send(ServerRequest req, ServerResponse res, ApiException e) {
        Problem problem = new Problem(Problem.TYPE_BASE + e.type(), e.title(), e.status().code(), e.getMessage(),
                req.path().absolute().path(), e.errors(), e.extensions());
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a problem always serializes", impossible);
        }
        res.status(e.status());
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body);
    }
}
