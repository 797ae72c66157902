package org.jinban.devices.idcard;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jinban.devices.serial.SerialLink;

/**
 * A {@link SerialLink} on a real port (or a pseudo-terminal) through jSerialComm, 8N1, no flow
 * control. Reads are semi-blocking: return as soon as any byte is there, or after the timeout.
 */
public final class JSerialCommLink implements SerialLink {

    private static final int WRITE_TIMEOUT_MS = 1_000;

    private final SerialPort port;
    private final String path;
    private int currentReadTimeout = -1;

    private JSerialCommLink(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    /**
     * Opens {@code path} at {@code baudRate} 8N1.
     *
     * @throws IdCardException {@code PORT_GONE} if the port does not exist or cannot be opened
     */
    public static JSerialCommLink open(String path, int baudRate) {
        SerialPort port = SerialPort.getCommPort(path);
        port.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new IdCardException(IdCardException.Kind.PORT_GONE,
                    "serial port " + path + " cannot be opened (error " + port.getLastErrorCode() + ")");
        }
        return new JSerialCommLink(port, path);
    }

    public static JSerialCommLink open(IdCardConfig config) {
        return open(config.port(), config.baudRate());
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
        int timeout = Math.max(1, timeoutMs);
        if (timeout != currentReadTimeout) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    timeout, WRITE_TIMEOUT_MS);
            currentReadTimeout = timeout;
        }
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
