package org.jinban.devices.scanner;

import java.util.function.Consumer;

import com.fazecast.jSerialComm.SerialPort;
import org.jinban.devices.DeviceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a scanner in USB CDC serial mode with jSerialComm on its own thread. A port that goes
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
    private volatile SerialPort port;
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
            SerialPort p = SerialPort.getCommPort(config.port());
            p.setComPortParameters(config.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
            if (!p.openPort()) {
                report(DeviceStatus.offline("port " + config.port() + " cannot be opened"));
                pause();
                continue;
            }
            port = p;
            report(DeviceStatus.ok());
            try {
                while (running) {
                    int n = p.readBytes(buffer, buffer.length);
                    if (n < 0) {
                        break; // the port is gone
                    }
                    decoder.feed(buffer, n);
                }
            } finally {
                p.closePort();
                port = null;
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
        SerialPort p = port;
        if (p != null) {
            p.closePort();
        }
        reader.interrupt();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
