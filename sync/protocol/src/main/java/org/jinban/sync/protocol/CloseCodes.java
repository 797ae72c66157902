package org.jinban.sync.protocol;

/** The WebSocket close codes of the contract, so both sides close for the same reason alike. */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    /** Going away, or nothing heard for three heartbeat periods. */
    public static final int GOING_AWAY = 1001;
    public static final int BINARY_FRAME = 1003;
    /** More than {@link #MAX_MALFORMED_PER_MINUTE} malformed frames in a minute. */
    public static final int POLICY = 1008;
    public static final int TOO_LARGE = 1009;
    /** The hub could not do its part (its store failed); the kiosk reconnects and sends again. */
    public static final int SERVER_ERROR = 1011;
    public static final int UNAUTHORIZED = 4001;
    public static final int UNSUPPORTED_VERSION = 4002;

    /** A peer may send this many malformed frames in a minute; one more and it is closed 1008. */
    public static final int MAX_MALFORMED_PER_MINUTE = 10;
    /** Silence of this many heartbeat periods closes the connection 1001. */
    public static final int SILENT_PERIODS = 3;

    private CloseCodes() {
    }
}
