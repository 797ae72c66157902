package org.jinban.kiosk.devices;

import java.time.Duration;
import java.util.function.BiConsumer;

import org.jinban.devices.DeviceStatus;
import org.jinban.devices.printer.PrinterStatus;
import org.jinban.devices.printer.ReceiptPrinter;

/**
 * Asks the printer how it is every {@link #EVERY} and reports changes as a device state:
 * paper near end is degraded (it still prints), paper end, an open cover and no answer at all
 * are offline for printing, and a printer that never answers status is unknown, not ok.
 */
final class PrinterWatcher implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(2);

    private final ReceiptPrinter printer;
    private final BiConsumer<String, DeviceStatus> state;
    private final Thread thread;
    private volatile boolean running = true;

    PrinterWatcher(ReceiptPrinter printer, BiConsumer<String, DeviceStatus> state) {
        this.printer = printer;
        this.state = state;
        this.thread = Thread.ofVirtual().name("jinban-printer-status").unstarted(this::run);
    }

    PrinterWatcher start() {
        thread.start();
        return this;
    }

    /** Asks now (after a job, a simulator change) instead of at the next tick. */
    PrinterStatus check() {
        PrinterStatus status = printer.status();
        state.accept("printer", toDevice(status));
        return status;
    }

    static DeviceStatus toDevice(PrinterStatus status) {
        return switch (status.state()) {
            case OK -> DeviceStatus.ok();
            case PAPER_NEAR_END -> new DeviceStatus(DeviceStatus.State.DEGRADED, "paper near end");
            case PAPER_END -> DeviceStatus.offline("paper end");
            case COVER_OPEN -> DeviceStatus.offline("cover open");
            case OFFLINE -> DeviceStatus.offline(status.reason());
            case UNKNOWN -> new DeviceStatus(DeviceStatus.State.UNKNOWN, status.reason());
        };
    }

    private void run() {
        while (running) {
            check();
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
