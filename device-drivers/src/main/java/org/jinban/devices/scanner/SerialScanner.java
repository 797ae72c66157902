package org.jinban.devices.scanner;

import java.io.IOException;
import java.util.function.Consumer;

import org.jinban.devices.DeviceStatus;
import org.jinban.devices.serial.JSerialCommLink;
import org.jinban.devices.serial.SerialLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a scanner in USB CDC serial mode on its own thread, through {@link JSerialCommLink}.
 * A port that goes
 * away (cable pulled) makes the scanner offline at once; it is opened again every
 * {@code reconnect} until it is back, without a kiosk restart.
 */
public final class SerialScanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialScanner.class);
    private static final int READ_TIMEOUT_MS = 200;

    private final ScannerConfig config;
    private final ScanLineDecoder decoder;
    private final Consumer<DeviceStatus> status;
    private final Thread reader;
    private volatile boolean running = true;
    private volatile SerialLink link;
    private volatile DeviceStatus current = new DeviceStatus(DeviceStatus.State.UNKNOWN, "not opened yet");

    public SerialScanner(ScannerConfig config, ScanListener listener, Consumer<DeviceStatus> status) {
        this.config = config;
        this.status = status;
        this.decoder = new ScanLineDecoder(config.maxLength(), new ScanListener() {
            @Override
            public void scanned(String code) {
                listener.scanned(code);
            }

            @Override
            public void rejected(String reason) {
                LOG.warn("scanner {}: refused a line: {}", config.port(), reason);
                listener.rejected(reason);
            }
        });
        this.reader = new Thread(this::run, "jinban-scanner");
        this.reader.setDaemon(true);
    }

    public SerialScanner start() {
        reader.start();
        return this;
    }

    public DeviceStatus status() {
        return current;
    }

    private void run() {
        byte[] buffer = new byte[256];
        while (running) {
            SerialLink link;
            try {
                link = JSerialCommLink.open(config.port(), config.baud());
            } catch (IOException e) {
                report(DeviceStatus.offline("port " + config.port() + " cannot be opened"));
                pause();
                continue;
            }
            this.link = link;
            report(DeviceStatus.ok());
            try {
                while (running) {
                    decoder.feed(buffer, link.read(buffer, READ_TIMEOUT_MS));
                }
            } catch (IOException gone) {
                // the port is gone: reported below, then opened again
            } finally {
                link.close();
                this.link = null;
            }
            if (running) {
                report(DeviceStatus.offline("port " + config.port() + " is gone"));
                pause();
            }
        }
    }

    private void report(DeviceStatus next) {
        if (!next.equals(current)) {
            current = next;
            if (next.state() == DeviceStatus.State.OK) {
                LOG.info("scanner {}: ready", config.port());
            } else {
                LOG.warn("scanner {}: {}", config.port(), next.reason());
            }
            status.accept(next);
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.reconnect().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        SerialLink l = link;
        if (l != null) {
            l.close();
        }
        reader.interrupt();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
