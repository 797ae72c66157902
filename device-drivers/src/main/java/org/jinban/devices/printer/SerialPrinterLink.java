package org.jinban.devices.printer;

import org.jinban.devices.serial.JSerialCommLink;
import java.io.IOException;
import java.time.Duration;

/**
 * A printer on a serial port (USB-serial adapter or RS-232), 8N1, through the drivers' one
 * jSerialComm wrapper, so a pulled adapter fails the job instead of hanging it.
 */
final class SerialPrinterLink implements PrinterLink {

    // A printer that holds flow control (paper out) must not hang a job forever.
    private static final int WRITE_TIMEOUT_MILLIS = 10_000;

    private final JSerialCommLink link;

    SerialPrinterLink(String path, int baud) throws IOException {
        this.link = JSerialCommLink.open(path, baud, WRITE_TIMEOUT_MILLIS);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        link.write(bytes);
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws IOException {
        return link.read(buffer, PrinterLink.timeoutMillis(timeout));
    }

    @Override
    public void close() {
        link.close();
    }
}
