package org.jinban.kiosk.enroll;

/**
 * Enrollment could not be done, in words a technician reads, with the {@link Kind} of failure
 * that the CLI turns into its exit code and the kiosk's API into a problem type. Never carries
 * the code's secret parts, a credential or a key.
 */
public final class EnrollException extends RuntimeException {
    /** What went wrong; the CLI and the technician screen say each in their own words. */
    public enum Kind {
        /** The scanned text is not an enrollment QR (or not one this version reads). */
        NOT_ENROLLMENT_QR("wrong-qr"),
        /** The hub's address is not a {@code wss://…/sync/v1} one, or the pin is malformed. */
        BAD_REQUEST("invalid-hub"),
        CODE_UNKNOWN("code-unknown"),
        CODE_USED("code-used"),
        CODE_EXPIRED("code-expired"),
        TOO_MANY_ATTEMPTS("too-many-attempts"),
        /** The hub refused for another reason, or answered something that is not an enrollment. */
        REFUSED("hub-refused"),
        /** Nothing answered: refused connection, unknown host, TLS failure. */
        UNREACHABLE("hub-unreachable"),
        /** The hub took the connection but did not answer in time (or connecting took too long). */
        TIMEOUT("hub-timeout"),
        /** This kiosk's files could not be written. */
        WRITE_FAILED("cannot-write");

        private final String problem;

        Kind(String problem) {
            this.problem = problem;
        }

        /** The last part of the problem type the kiosk's API answers with. */
        public String problem() {
            return problem;
        }
    }

    private final Kind kind;

    public EnrollException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public EnrollException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
