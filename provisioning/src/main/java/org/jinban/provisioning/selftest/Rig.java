package org.jinban.provisioning.selftest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;

import org.jinban.devices.DeviceStatus;
import org.jinban.devices.gpio.GpioPanel;
import org.jinban.devices.gpio.PanelListener;
import org.jinban.devices.idcard.IdCardConfig;
import org.jinban.devices.idcard.IdCardSimulator;
import org.jinban.devices.printer.PrinterConfig;
import org.jinban.devices.printer.PrinterLink;
import org.jinban.devices.printer.PrinterSimulator;
import org.jinban.devices.printer.ReceiptPrinter;
import org.jinban.devices.printer.SimulatorLink;
import org.jinban.devices.scanner.ScanLineDecoder;
import org.jinban.devices.scanner.ScanListener;
import org.jinban.devices.scanner.ScannerConfig;
import org.jinban.devices.scanner.SerialScanner;
import org.jinban.devices.serial.JSerialCommLink;
import org.jinban.devices.serial.MemoryLink;
import org.jinban.devices.serial.SerialLink;
import org.jinban.kiosk.devices.DeviceConfig;

/**
 * The kiosk's devices opened for the self-test, the way the kiosk service opens them
 * ({@code org.jinban.kiosk.devices.Devices}): the real drivers on the configured ports and pins,
 * or, with {@code devices.simulate: true}, the same drivers against the simulators (the printer
 * simulator behind a {@link SimulatorLink}, the ID-card simulator on a {@link MemoryLink} pair,
 * scanner bytes through the real {@link ScanLineDecoder}, the GPIO panel on Pi4J's mock
 * platform). What the devices report lands in queues the steps wait on.
 */
final class Rig implements AutoCloseable {
    private static final Duration PRINTER_STATUS_TIMEOUT = Duration.ofMillis(500);
    private static final int MAX_SCAN_LENGTH = 512;
    private static final java.nio.file.Path GPIO_CHIPS = java.nio.file.Path.of("/dev/");

    private final DeviceConfig config;
    private final ReceiptPrinter printer;
    private final String printerName;
    private final SerialLink.Opener cardLink;
    private final IdCardConfig cardConfig;
    private final Simulation simulation;
    private final SerialScanner serialScanner;
    private final boolean scannerConfigured;

    final BlockingQueue<String> scans = new LinkedBlockingQueue<>();
    final BlockingQueue<String> refusedScans = new LinkedBlockingQueue<>();
    final BlockingQueue<Boolean> presenceChanges = new LinkedBlockingQueue<>();
    final BlockingQueue<Boolean> helpPresses = new LinkedBlockingQueue<>();
    private volatile boolean present;
    private GpioPanel panel;
    private RuntimeException panelFailure;

    private final ScanListener scanListener = new ScanListener() {
        @Override
        public void scanned(String code) {
            scans.add(code);
        }

        @Override
        public void rejected(String reason) {
            refusedScans.add(reason);
        }
    };

    private final PanelListener panelListener = new PanelListener() {
        @Override
        public void presence(boolean now) {
            present = now;
            presenceChanges.add(now);
        }

        @Override
        public void helpPressed() {
            helpPresses.add(true);
        }
    };

    private Rig(DeviceConfig config, ReceiptPrinter printer, String printerName, SerialLink.Opener cardLink,
                IdCardConfig cardConfig, Simulation simulation) {
        this.config = config;
        this.printer = printer;
        this.printerName = printerName;
        this.cardLink = cardLink;
        this.cardConfig = cardConfig;
        this.simulation = simulation;
        if (simulation == null && config.scannerPort().isPresent()) {
            this.serialScanner = new SerialScanner(ScannerConfig.of(config.scannerPort().get()), scanListener,
                    status -> { }).start();
            this.scannerConfigured = true;
        } else {
            this.serialScanner = null;
            this.scannerConfigured = simulation != null;
        }
    }

    /** The devices of {@code config}: real, or simulated when it says {@code simulate: true}. */
    static Rig open(DeviceConfig config) {
        return config.simulate() ? simulated(config, null, UnaryOperator.identity()) : real(config);
    }

    static Rig real(DeviceConfig config) {
        ReceiptPrinter printer = config.printer().map(PrinterConfig::parse).map(ReceiptPrinter::of).orElse(null);
        IdCardConfig card = config.idCardPort().map(IdCardConfig::of).orElse(null);
        SerialLink.Opener link = card == null ? null : () -> JSerialCommLink.open(card.port(), card.baudRate());
        return new Rig(config, printer, config.printer().orElse("none"), link, card, null);
    }

    /**
     * The simulators. For tests of the test: {@code printerLink} (if not null) replaces the
     * simulated printer's link, e.g. with one that cannot be opened; {@code scannerLine} changes
     * what the simulated scanner sends, e.g. to a wrong text.
     */
    static Rig simulated(DeviceConfig config, PrinterLink.Opener printerLink, UnaryOperator<String> scannerLine) {
        PrinterSimulator printerSimulator = new PrinterSimulator("simulated printer");
        PrinterLink.Opener opener = printerLink != null ? printerLink : () -> new SimulatorLink(printerSimulator);
        ReceiptPrinter printer = new ReceiptPrinter("simulated printer", opener, PRINTER_STATUS_TIMEOUT);
        MemoryLink[] line = MemoryLink.pair();
        IdCardSimulator cards = new IdCardSimulator(line[1]).start();
        Simulation simulation = new Simulation(printerSimulator, cards, scannerLine);
        Rig rig = new Rig(config, printer, "simulated printer", () -> line[0], IdCardConfig.of("simulated"), simulation);
        simulation.rig = rig;
        return rig;
    }

    DeviceConfig config() {
        return config;
    }

    boolean simulated() {
        return simulation != null;
    }

    Optional<Simulation> simulation() {
        return Optional.ofNullable(simulation);
    }

    /** The printer, or empty when none is configured. */
    Optional<ReceiptPrinter> printer() {
        return Optional.ofNullable(printer);
    }

    String printerName() {
        return printerName;
    }

    boolean scannerConfigured() {
        return scannerConfigured;
    }

    /** The real scanner's port state (offline: its port cannot be opened); empty in simulation. */
    Optional<DeviceStatus> scannerStatus() {
        return serialScanner == null ? Optional.empty() : Optional.of(serialScanner.status());
    }

    String scannerName() {
        return simulation != null ? "simulated scanner" : config.scannerPort().orElse("none");
    }

    /** Opens the ID-card reader's line; empty when no reader is configured. */
    Optional<SerialLink.Opener> cardLink() {
        return Optional.ofNullable(cardLink);
    }

    IdCardConfig cardConfig() {
        return cardConfig;
    }

    /** The GPIO panel, opened on first use; its failure is kept and thrown again to every GPIO step. */
    synchronized GpioPanel panel() {
        if (panel == null && panelFailure == null && simulation == null && !hasGpioChip()) {
            // Pi4J's automatic context falls back to its mock provider: every pin would "work"
            panelFailure = new IllegalStateException("no GPIO on this machine (no " + GPIO_CHIPS.resolve("gpiochip*") + ")");
        }
        if (panel == null && panelFailure == null) {
            try {
                panel = simulation != null ? GpioPanel.simulated(config.panel(), panelListener)
                        : GpioPanel.onHardware(config.panel(), panelListener);
            } catch (RuntimeException e) {
                panelFailure = new IllegalStateException("cannot open the GPIO pins: " + e.getMessage(), e);
            }
        }
        if (panelFailure != null) {
            throw panelFailure;
        }
        return panel;
    }

    private static boolean hasGpioChip() {
        try (var chips = java.nio.file.Files.newDirectoryStream(GPIO_CHIPS, "gpiochip*")) {
            return chips.iterator().hasNext();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The presence sensor's last reported state (false until it reports). */
    boolean present() {
        return present;
    }

    @Override
    public void close() {
        if (printer != null) {
            printer.close();
        }
        if (serialScanner != null) {
            serialScanner.close();
        }
        synchronized (this) {
            if (panel != null) {
                panel.close();
            }
        }
        if (simulation != null) {
            simulation.cards.close();
        }
    }

    /** What a person does at a simulated kiosk: only these hooks, the drivers do the rest. */
    static final class Simulation {
        private final PrinterSimulator printer;
        private final IdCardSimulator cards;
        private final UnaryOperator<String> scannerLine;
        private final ScanLineDecoder decoder;
        private Rig rig;

        private Simulation(PrinterSimulator printer, IdCardSimulator cards, UnaryOperator<String> scannerLine) {
            this.printer = printer;
            this.cards = cards;
            this.scannerLine = scannerLine;
            this.decoder = new ScanLineDecoder(MAX_SCAN_LENGTH, new ScanListener() {
                @Override
                public void scanned(String code) {
                    rig.scanListener.scanned(code);
                }

                @Override
                public void rejected(String reason) {
                    rig.scanListener.rejected(reason);
                }
            });
        }

        PrinterSimulator printer() {
            return printer;
        }

        IdCardSimulator cards() {
            return cards;
        }

        /** The scanner reads {@code text}: its bytes and CR LF, as a USB CDC scanner sends them. */
        synchronized void scan(String text) {
            byte[] line = (scannerLine.apply(text) + "\r\n").getBytes(StandardCharsets.UTF_8);
            decoder.feed(line, line.length);
        }

        GpioPanel panel() {
            return rig.panel();
        }

        boolean present() {
            return rig.present();
        }
    }
}
