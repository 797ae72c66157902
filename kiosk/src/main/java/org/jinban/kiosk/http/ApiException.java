package org.jinban.kiosk.http;

import java.util.List;

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
