package org.jinban.devices.printer;

import java.io.IOException;
import java.time.Duration;

/** The byte pipe to a printer: a device file, a serial port or a TCP socket. */
public interface PrinterLink extends AutoCloseable {

    /** Writes all bytes or fails; a failure leaves the link unusable. */
    void write(byte[] bytes) throws IOException;

    /**
     * Reads what the printer sent, waiting at most {@code timeout} for the first byte.
     *
     * @return the number of bytes read, 0 if nothing arrived in time
     */
    int read(byte[] buffer, Duration timeout) throws IOException;

    /** Closes the link; never fails, a second close does nothing. */
    @Override
    void close();

    /** Opens a fresh link; the driver calls it again after a failure to recover without restart. */
    @FunctionalInterface
    interface Opener {
        PrinterLink open() throws IOException;
    }

    static int timeoutMillis(Duration timeout) {
        // 0 means "wait forever" to sockets and serial ports; a status read must never do that
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
