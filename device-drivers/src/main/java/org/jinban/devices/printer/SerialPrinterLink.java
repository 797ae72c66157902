package org.jinban.devices.printer;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.time.Duration;

/** A printer on a serial port (USB-serial adapter or RS-232), 8N1. */
final class SerialPrinterLink implements PrinterLink {

    // A printer that holds flow control (paper out) must not hang a job forever.
    private static final int WRITE_TIMEOUT_MILLIS = 10_000;

    private final SerialPort port;
    private final String path;

    SerialPrinterLink(String path, int baud) throws IOException {
        this.path = path;
        this.port = SerialPort.getCommPort(path);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, WRITE_TIMEOUT_MILLIS);
        int written = port.writeBytes(bytes, bytes.length);
        if (written != bytes.length) {
            throw new IOException("serial port " + path + " took " + Math.max(written, 0)
                    + " of " + bytes.length + " bytes (error " + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws IOException {
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, PrinterLink.timeoutMillis(timeout), 0);
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new IOException("reading serial port " + path + " failed (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
