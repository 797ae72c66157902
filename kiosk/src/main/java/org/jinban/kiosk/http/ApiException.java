package org.jinban.kiosk.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;

/**
 * An HTTP API failure that the caller can act on. {@link ProblemHandlers} turns it into an
 * RFC 9457 {@code application/problem+json} response in one place.
 */
public class ApiException extends RuntimeException {
    private final Status status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ApiException(Status status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** 400: one or more request parameters are wrong; each is named. */
    public static ApiException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " request parameters are not valid";
        return new ApiException(Status.BAD_REQUEST_400, "invalid-request", "Invalid request", detail, errors);
    }

    /** 404: the named thing does not exist. */
    public static ApiException notFound(String detail) {
        return new ApiException(Status.NOT_FOUND_404, "not-found", "Not found", detail, List.of());
    }

    /** 409: the request is right but the thing is not in a state to take it. */
    public static ApiException conflict(String type, String title, String detail) {
        return new ApiException(Status.CONFLICT_409, type, title, detail, List.of());
    }

    /** Adds an RFC 9457 extension member the caller can act on (e.g. {@code attemptsLeft}). */
    public ApiException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    public Map<String, Object> extensions() {
        return Map.copyOf(extensions);
    }

    public Status status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** A request parameter and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
