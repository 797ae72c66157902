package org.jinban.sync.hub;

/** An HTTP call to the hub that cannot be done, answered as problem+json of this kind. */
final class HttpProblem extends RuntimeException {
    final int status;
    final String type;

    HttpProblem(int status, String type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    static HttpProblem invalid(String detail) {
        return new HttpProblem(400, "invalid-request", detail);
    }
}
