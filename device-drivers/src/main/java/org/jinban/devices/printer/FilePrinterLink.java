package org.jinban.devices.printer;

import java.io.IOException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A printer behind a device file such as {@code /dev/usb/lp0}. Reads on a printer device block
 * with no timeout, so a background reader hands bytes over through a queue and {@link #read}
 * can give up on a printer that never answers.
 */
final class FilePrinterLink implements PrinterLink {

    private final FileOutputStream out;
    private volatile FileInputStream in;
    private final String path;
    private final boolean plainFile;
    private final LinkedBlockingQueue<Byte> received = new LinkedBlockingQueue<>();
    private Thread reader;

    FilePrinterLink(String path) throws IOException {
        this.path = path;
        // append: on a device it makes no difference, on a plain file (tests) it keeps every job
        this.out = new FileOutputStream(path, true);
        this.plainFile = Files.isRegularFile(Path.of(path));
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    @Override
    public synchronized int read(byte[] buffer, Duration timeout) throws IOException {
        if (plainFile) {
            // A plain file (a capture, a test) never answers: reading it would hand back the
            // file's own bytes, the jobs written to it, as if the printer had replied.
            return 0;
        }
        if (reader == null) {
            // a separate descriptor: reads must not move the position writes use
            in = new FileInputStream(path);
            reader = Thread.ofVirtual().name("printer-reader " + path).start(this::readLoop);
        }
        try {
            Byte first = received.poll(PrinterLink.timeoutMillis(timeout), TimeUnit.MILLISECONDS);
            if (first == null) {
                return 0;
            }
            buffer[0] = first;
            int n = 1;
            Byte next;
            while (n < buffer.length && (next = received.poll()) != null) {
                buffer[n++] = next;
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + path, e);
        }
    }

    private void readLoop() {
        byte[] chunk = new byte[64];
        try {
            int n;
            // -1 means a unidirectional device (or a plain file): nothing will ever answer
            while ((n = in.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    received.add(chunk[i]);
                }
            }
        } catch (IOException e) {
            // the link was closed or the device vanished; the next write reports it
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            if (in != null) {
                in.close();
            }
        } catch (IOException ignored) {
            // nothing left to report on a device we are giving up
        }
    }
}
