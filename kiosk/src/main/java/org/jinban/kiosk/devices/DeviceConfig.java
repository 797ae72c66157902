package org.jinban.kiosk.devices;

import java.time.Duration;
import java.util.Optional;

import io.helidon.config.Config;
import org.jinban.devices.gpio.PanelConfig;
import org.jinban.devices.printer.PrinterConfig;
import org.jinban.kiosk.config.ConfigException;

/**
 * The kiosk's devices: real hardware, or simulators that go through the same parsing and GPIO
 * code (the demo and the tests).
 *
 * @param simulate    simulators instead of hardware
 * @param scannerPort the scanner's serial device (real mode); none: no scanner
 * @param idCardPort  the ID-card reader's serial device (real mode); none: no reader
 * @param printer     the receipt printer: {@code file:/dev/usb/lp0}, {@code serial:/dev/ttyUSB0?baud=9600}
 *                    or {@code tcp://printer:9100} (real mode); none: no printer
 * @param panel       the GPIO wiring
 */
public record DeviceConfig(boolean simulate, Optional<String> scannerPort, Optional<String> idCardPort,
                           Optional<String> printer, PanelConfig panel) {

    public static DeviceConfig simulated() {
        return new DeviceConfig(true, Optional.empty(), Optional.empty(), Optional.empty(), PanelConfig.defaults());
    }

    /** Reads the {@code devices} node. */
    public static DeviceConfig from(Config root) {
        Config devices = root.get("devices");
        PanelConfig defaults = PanelConfig.defaults();
        try {
            Config gpio = devices.get("gpio");
            PanelConfig panel = new PanelConfig(
                    gpio.get("ready-led").asInt().orElse(defaults.readyLed()),
                    gpio.get("busy-led").asInt().orElse(defaults.busyLed()),
                    gpio.get("fault-led").asInt().orElse(defaults.faultLed()),
                    gpio.get("buzzer").asInt().orElse(defaults.buzzer()),
                    gpio.get("presence").asInt().orElse(defaults.presence()),
                    gpio.get("help-button").asInt().orElse(defaults.helpButton()),
                    gpio.get("debounce").asString().map(Duration::parse).orElse(defaults.debounce()),
                    gpio.get("help-hold-off").asString().map(Duration::parse).orElse(defaults.helpHoldOff()));
            Optional<String> printer = devices.get("printer").asString().asOptional().filter(s -> !s.isBlank());
            try {
                printer.ifPresent(PrinterConfig::parse);
            } catch (RuntimeException e) {
                throw new ConfigException("devices.printer", e.getMessage());
            }
            return new DeviceConfig(devices.get("simulate").asBoolean().orElse(true),
                    devices.get("scanner.port").asString().asOptional().filter(s -> !s.isBlank()),
                    devices.get("idcard.port").asString().asOptional().filter(s -> !s.isBlank()),
                    printer, panel);
        } catch (IllegalArgumentException | io.helidon.config.ConfigException e) {
            throw new ConfigException("devices", e.getMessage());
        }
    }
}
