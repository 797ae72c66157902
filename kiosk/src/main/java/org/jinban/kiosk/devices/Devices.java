package org.jinban.kiosk.devices;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jinban.devices.DeviceStatus;
import org.jinban.devices.gpio.GpioPanel;
import org.jinban.devices.gpio.PanelListener;
import org.jinban.devices.gpio.StatusLight;
import org.jinban.devices.idcard.IdCardConfig;
import org.jinban.devices.idcard.IdCardRecord;
import org.jinban.devices.idcard.IdCardSamples;
import org.jinban.devices.idcard.IdCardSimulator;
import org.jinban.devices.serial.JSerialCommLink;
import org.jinban.devices.printer.PrintedReceipt;
import org.jinban.devices.printer.PrinterConfig;
import org.jinban.devices.printer.PrinterException;
import org.jinban.devices.printer.Receipt;
import org.jinban.devices.printer.PrinterSimulator;
import org.jinban.devices.printer.PrinterStatus;
import org.jinban.devices.printer.ReceiptPrinter;
import org.jinban.devices.printer.SimulatorLink;
import org.jinban.devices.serial.MemoryLink;
import org.jinban.devices.scanner.ScanListener;
import org.jinban.devices.scanner.ScannerConfig;
import org.jinban.devices.scanner.SerialScanner;
import org.jinban.kiosk.events.EventHub;
import org.jinban.kiosk.events.KioskEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's devices, started from {@link DeviceConfig}: their events go to the page through
 * the {@link EventHub}, their states to the health report. In simulate mode the scanner is fed
 * through the real line decoder and the GPIO panel runs on Pi4J's mock platform; the
 * simulator panel drives both.
 */
public final class Devices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Devices.class);
    private static final Duration CONFIRM_BEEP = Duration.ofMillis(80);

    private final EventHub events;
    private final Map<String, DeviceStatus> states = new ConcurrentHashMap<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final GpioPanel panel;
    private final SerialScanner serialScanner;
    private final SimulatedScanner simulatedScanner;
    private final IdCardSimulator cardSimulator;
    private final IdCardWatcher cards;
    private final PrinterSimulator printerSimulator;
    private final ReceiptPrinter printer;
    private final PrinterWatcher printerWatcher;

    private Devices(DeviceConfig config, EventHub events) {
        this.events = events;
        ScanListener scans = new ScanListener() {
            @Override
            public void scanned(String code) {
                // the code itself is for the page only, never for the log
                events.publish(new KioskEvent("scan", Map.of("code", code)));
                if (panel != null) {
                    panel.beep(CONFIRM_BEEP);
                }
            }

            @Override
            public void rejected(String reason) {
                LOG.info("scanner: refused a line: {}", reason);
            }
        };
        PanelListener inputs = new PanelListener() {
            @Override
            public void presence(boolean present) {
                events.publish(new KioskEvent("presence", Map.of("present", present)));
            }

            @Override
            public void helpPressed() {
                events.publish(new KioskEvent("help", Map.of()));
            }
        };
        this.panel = config.simulate() ? GpioPanel.simulated(config.panel(), inputs)
                : GpioPanel.onHardware(config.panel(), inputs);
        state("gpio", DeviceStatus.ok());
        if (config.simulate()) {
            this.simulatedScanner = new SimulatedScanner(512, scans);
            this.serialScanner = null;
            state("scanner", new DeviceStatus(DeviceStatus.State.OK, "simulated"));
        } else if (config.scannerPort().isPresent()) {
            this.simulatedScanner = null;
            this.serialScanner = new SerialScanner(ScannerConfig.of(config.scannerPort().get()), scans,
                    s -> state("scanner", s)).start();
        } else {
            this.simulatedScanner = null;
            this.serialScanner = null;
            state("scanner", new DeviceStatus(DeviceStatus.State.UNKNOWN, "no scanner configured"));
        }
        if (config.simulate()) {
            MemoryLink[] line = MemoryLink.pair();
            this.cardSimulator = new IdCardSimulator(line[1]).start();
            this.cards = new IdCardWatcher(() -> line[0], IdCardConfig.of("simulated"), events, this::state).start();
        } else if (config.idCardPort().isPresent()) {
            IdCardConfig idConfig = IdCardConfig.of(config.idCardPort().get());
            this.cardSimulator = null;
            this.cards = new IdCardWatcher(() -> JSerialCommLink.open(idConfig.port(), idConfig.baudRate()), idConfig, events, this::state)
                    .start();
        } else {
            this.cardSimulator = null;
            this.cards = null;
            state("idcard", new DeviceStatus(DeviceStatus.State.UNKNOWN, "no ID-card reader configured"));
        }
        if (config.simulate()) {
            this.printerSimulator = new PrinterSimulator("simulated printer");
            this.printer = new ReceiptPrinter("simulated printer", () -> new SimulatorLink(printerSimulator),
                    Duration.ofMillis(300));
        } else if (config.printer().isPresent()) {
            this.printerSimulator = null;
            this.printer = ReceiptPrinter.of(PrinterConfig.parse(config.printer().get()));
        } else {
            this.printerSimulator = null;
            this.printer = null;
            state("printer", new DeviceStatus(DeviceStatus.State.UNKNOWN, "no printer configured"));
        }
        this.printerWatcher = printer == null ? null : new PrinterWatcher(printer, this::state).start();
        showStatus();
    }

    public static Devices start(DeviceConfig config, EventHub events) {
        return new Devices(config, events);
    }

    private void state(String device, DeviceStatus status) {
        DeviceStatus before = states.put(device, status);
        if (!status.equals(before)) {
            events.publish(new KioskEvent("device", Map.of("device", device,
                    "state", status.state().name().toLowerCase(java.util.Locale.ROOT), "reason", status.reason())));
            showStatus();
            changeListeners.forEach(Runnable::run);
        }
    }

    /**
     * Runs {@code listener} after any device's state changed (on the thread that saw the change:
     * it must return quickly); e.g. to report device health to the central platform.
     */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** The status LED: red while any device is offline, green otherwise (amber while busy). */
    private void showStatus() {
        if (panel != null) {
            boolean fault = states.values().stream().anyMatch(s -> s.state() == DeviceStatus.State.OFFLINE);
            panel.show(fault ? StatusLight.FAULT : StatusLight.READY);
        }
    }

    /** The status LEDs (ready, busy, fault), for the simulator panel and tests. */
    public List<Boolean> leds() {
        return panel.leds();
    }

    /** Every device's state, for the health report. */
    public Map<String, DeviceStatus> states() {
        return Map.copyOf(states);
    }

    /** The ID card lying on the reader now, read and checked; empty without one (or a reader). */
    public Optional<IdCardRecord> currentCard() {
        return cards == null ? Optional.empty() : cards.current();
    }

    /**
     * Prints a receipt: asks the printer first, so a printer that says it has no paper or an
     * open cover is not sent a job it would lose, and shows amber while it prints.
     *
     * @return empty when printed, or why it could not be (plain words for staff)
     */
    public Optional<String> print(Receipt receipt) {
        if (printer == null) {
            return Optional.of("no printer configured");
        }
        PrinterStatus status = printerWatcher.check();
        if (status.state() == PrinterStatus.State.PAPER_END || status.state() == PrinterStatus.State.COVER_OPEN
                || status.state() == PrinterStatus.State.OFFLINE) {
            return Optional.of(PrinterWatcher.toDevice(status).reason());
        }
        panel.show(StatusLight.BUSY);
        try {
            printer.print(receipt);
            return Optional.empty();
        } catch (PrinterException e) {
            LOG.warn("printer: a receipt was not printed: {}", e.getMessage());
            return Optional.of("the printer did not take the job");
        } finally {
            printerWatcher.check();
            showStatus();
        }
    }

    /** Prints the printer's test page (a technician's self-test, the centre's print-test-page command). */
    public Optional<String> printTestPage() {
        return print(TestPage.receipt());
    }

    /** The simulator's controls, in simulate mode only. */
    public Optional<Simulator> simulator() {
        return simulatedScanner == null ? Optional.empty() : Optional.of(new Simulator());
    }

    /** What the simulator panel can do: what a person would do at a real kiosk. */
    public final class Simulator {
        public void scan(String text) {
            simulatedScanner.scan(text);
        }

        public void presence(boolean present) {
            panel.simulatePresence(present);
        }

        public void pressHelp() {
            panel.simulateHelpPress();
        }

        /** Places a fictional sample card on the simulated reader ({@code longTerm}: valid for life). */
        public void placeCard(boolean longTerm) {
            cardSimulator.placeCard(longTerm ? IdCardSamples.longTermSample() : IdCardSamples.testSample());
        }

        public void removeCard() {
            cardSimulator.removeCard();
        }

        /** Changes the simulated printer's state; a null leaves that part as it is. */
        public void printer(Boolean paperEnd, Boolean paperNearEnd, Boolean coverOpen, Boolean answersStatus) {
            if (paperEnd != null) {
                printerSimulator.paperEnd(paperEnd);
            }
            if (paperNearEnd != null) {
                printerSimulator.paperNearEnd(paperNearEnd);
            }
            if (coverOpen != null) {
                printerSimulator.coverOpen(coverOpen);
            }
            if (answersStatus != null) {
                printerSimulator.answersStatus(answersStatus);
            }
            printerWatcher.check();
        }

        /**
         * Prints a test page through the real driver, as a technician's self-test does.
         *
         * @return empty when printed, or why the printer cannot print
         */
        public Optional<String> printTestPage() {
            return Devices.this.printTestPage();
        }

        public List<PrintedReceipt> receipts() {
            return printerSimulator.receipts();
        }
    }

    @Override
    public void close() {
        if (printerWatcher != null) {
            printerWatcher.close();
        }
        if (printer != null) {
            printer.close();
        }
        if (cards != null) {
            cards.close();
        }
        if (cardSimulator != null) {
            cardSimulator.close();
        }
        if (serialScanner != null) {
            serialScanner.close();
        }
        panel.close();
    }
}
