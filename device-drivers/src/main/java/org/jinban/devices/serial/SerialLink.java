package org.jinban.devices.serial;

import java.io.Closeable;
import java.io.IOException;

/**
 * A byte pipe to a serial device. Kept this small so a real port, a pseudo-terminal and an
 * in-memory pair in tests are interchangeable; protocol code never sees jSerialComm.
 */
public interface SerialLink extends Closeable {

    /** Writes all bytes; an {@link IOException} means the port is gone. */
    void write(byte[] bytes) throws IOException;

    /**
     * Reads what is available, waiting at most {@code timeoutMs} (at least 1) for the first byte.
     *
     * @return the number of bytes read, 0 on timeout
     * @throws IOException when the port is gone (unplugged, closed, the other end hung up)
     */
    int read(byte[] buf, int timeoutMs) throws IOException;

    /** A short name for messages and logs, e.g. the port path. */
    String name();

    @Override
    void close();

    /** Opens a fresh link; a driver calls it again after the port was gone. */
    @FunctionalInterface
    interface Opener {
        SerialLink open() throws IOException;
    }
}
