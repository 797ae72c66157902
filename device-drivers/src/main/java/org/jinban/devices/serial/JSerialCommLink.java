package org.jinban.devices.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link SerialLink} on a real port (or a pseudo-terminal) through jSerialComm, 8N1, no flow
 * control: the one place the drivers use jSerialComm. Reads are semi-blocking: return as soon
 * as any byte is there, or after the timeout. A port whose device node disappeared (a pulled
 * USB adapter) fails its next read or write instead of reading nothing forever.
 */
public final class JSerialCommLink implements SerialLink {

    private static final int DEFAULT_WRITE_TIMEOUT_MS = 1_000;

    private final SerialPort port;
    private final String path;
    private final int writeTimeoutMs;
    private int currentReadTimeout = -1;

    private JSerialCommLink(SerialPort port, String path, int writeTimeoutMs) {
        this.port = port;
        this.path = path;
        this.writeTimeoutMs = writeTimeoutMs;
    }

    /** Opens {@code path} at {@code baudRate} 8N1, writes failing after 1 s. */
    public static JSerialCommLink open(String path, int baudRate) throws IOException {
        return open(path, baudRate, DEFAULT_WRITE_TIMEOUT_MS);
    }

    /**
     * Opens {@code path} at {@code baudRate} 8N1.
     *
     * @param writeTimeoutMs how long a write may wait (a printer holding flow control)
     * @throws IOException if the port does not exist or cannot be opened
     */
    public static JSerialCommLink open(String path, int baudRate, int writeTimeoutMs) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            // a dangling link (/dev/jinban-scanner of an unplugged device) is a missing port,
            // not a programming error: callers retry on IOException
            throw new IOException("serial port " + path + " does not exist", e);
        }
        port.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new IOException("serial port " + path + " cannot be opened (error " + port.getLastErrorCode() + ")");
        }
        JSerialCommLink link = new JSerialCommLink(port, path, writeTimeoutMs);
        link.readTimeout(1); // sets the write timeout too: a first write must not wait forever
        return link;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        checkAlive();
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) {
            throw new IOException(path + ": wrote " + n + " of " + bytes.length + " bytes (error "
                    + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public int read(byte[] buf, int timeoutMs) throws IOException {
        readTimeout(Math.max(1, timeoutMs));
        checkAlive();
        int n = port.readBytes(buf, buf.length);
        if (n < 0) {
            throw new IOException(path + ": read failed (error " + port.getLastErrorCode() + ")");
        }
        if (n == 0) {
            // A vanished USB adapter or a pty whose other side hung up reads as "no bytes"
            // forever; only the device node (or the port's own state) tells them apart.
            checkAlive();
        }
        return n;
    }

    private void readTimeout(int timeout) {
        if (timeout != currentReadTimeout) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    timeout, writeTimeoutMs);
            currentReadTimeout = timeout;
        }
    }

    private void checkAlive() throws IOException {
        if (!port.isOpen() || !Files.exists(Path.of(path))) {
            throw new IOException(path + " is gone");
        }
    }

    @Override
    public String name() {
        return path;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
