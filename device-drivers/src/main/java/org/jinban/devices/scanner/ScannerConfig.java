package org.jinban.devices.scanner;

import java.time.Duration;

/**
 * A scanner in USB CDC serial mode.
 *
 * @param port      the serial device, e.g. {@code /dev/ttyACM0} or {@code /dev/jinban-scanner}
 * @param baud      ignored by true USB CDC devices, used by USB-serial adapters
 * @param maxLength longest code accepted, in characters
 * @param reconnect how often a missing port is tried again
 */
public record ScannerConfig(String port, int baud, int maxLength, Duration reconnect) {
    public ScannerConfig {
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("scanner port is required, e.g. /dev/ttyACM0");
        }
        if (baud < 1200 || baud > 921_600) {
            throw new IllegalArgumentException("scanner baud must be 1200 to 921600, was " + baud);
        }
        if (maxLength < 1 || maxLength > 8192) {
            throw new IllegalArgumentException("scanner max-length must be 1 to 8192, was " + maxLength);
        }
        if (reconnect == null || reconnect.toMillis() < 50 || reconnect.toSeconds() > 60) {
            throw new IllegalArgumentException("scanner reconnect must be 50 ms to 60 s, was " + reconnect);
        }
    }

    public static ScannerConfig of(String port) {
        return new ScannerConfig(port, 9600, 512, Duration.ofMillis(500));
    }
}
