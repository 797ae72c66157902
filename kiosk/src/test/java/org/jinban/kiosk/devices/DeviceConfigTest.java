package org.jinban.kiosk.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.config.ConfigException;
import org.junit.jupiter.api.Test;

class DeviceConfigTest {
    private static DeviceConfig from(Map<String, String> values) {
        return DeviceConfig.from(Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values)).build());
    }

    @Test
    void simulatedByDefaultWithTheDocumentedWiring() {
        DeviceConfig c = from(Map.of());
        assertTrue(c.simulate());
        assertEquals(Optional.empty(), c.printer());
        assertEquals(24, c.panel().helpButton());
    }

    @Test
    void readsRealPorts() {
        DeviceConfig c = from(Map.of("devices.simulate", "false", "devices.scanner.port", "/dev/jinban-scanner",
                "devices.printer", "tcp://192.0.2.10:9100", "devices.gpio.buzzer", "12"));
        assertEquals(Optional.of("/dev/jinban-scanner"), c.scannerPort());
        assertEquals(Optional.of("tcp://192.0.2.10:9100"), c.printer());
        assertEquals(12, c.panel().buzzer());
    }

    @Test
    void mistakesNameTheKey() {
        ConfigException printer = assertThrows(ConfigException.class,
                () -> from(Map.of("devices.printer", "lpt1")));
        assertTrue(printer.getMessage().contains("devices.printer"), printer.getMessage());
        ConfigException pin = assertThrows(ConfigException.class, () -> from(Map.of("devices.gpio.buzzer", "17")));
        assertTrue(pin.getMessage().contains("buzzer pin 17 is already used")
                || pin.getMessage().contains("already used"), pin.getMessage());
        ConfigException range = assertThrows(ConfigException.class, () -> from(Map.of("devices.gpio.presence", "99")));
        assertTrue(range.getMessage().contains("presence pin must be"), range.getMessage());
    }
}
