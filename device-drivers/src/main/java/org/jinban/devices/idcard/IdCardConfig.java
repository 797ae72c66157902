package org.jinban.devices.idcard;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach and drive the ID-card reader. Validated here once so a bad value fails at start
 * with the field's name, not later as a confusing timeout.
 *
 * @param port        serial device path, e.g. {@code /dev/ttyUSB0}
 * @param baudRate    115200 for almost every SAM module
 * @param stepTimeout how long one command may wait for its reply
 * @param retries     extra attempts per step after a timeout or a garbled reply
 */
public record IdCardConfig(String port, int baudRate, Duration stepTimeout, int retries) {

    public static final int DEFAULT_BAUD = 115_200;
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMillis(500);
    public static final int DEFAULT_RETRIES = 2;

    public IdCardConfig {
        Objects.requireNonNull(port, "port");
        if (port.isBlank()) {
            throw new IllegalArgumentException("idcard.port must not be blank");
        }
        if (baudRate < 1_200 || baudRate > 921_600) {
            throw new IllegalArgumentException("idcard.baudRate " + baudRate + " outside 1200..921600");
        }
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        if (stepTimeout.toMillis() < 10 || stepTimeout.toMillis() > 10_000) {
            throw new IllegalArgumentException("idcard.stepTimeout " + stepTimeout.toMillis()
                    + " ms outside 10..10000 ms");
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("idcard.retries " + retries + " outside 0..10");
        }
    }

    /** Defaults for a port: 115200 baud, 500 ms per step, 2 retries. */
    public static IdCardConfig of(String port) {
        return new IdCardConfig(port, DEFAULT_BAUD, DEFAULT_STEP_TIMEOUT, DEFAULT_RETRIES);
    }
}
