package org.jinban.kiosk.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jinban.devices.gpio.PanelConfig;

/**
 * Every key the kiosk reads from its YAML, with the kind of value it takes and when it must be
 * set: the one table {@link ConfigCheck} judges a file by. A key the kiosk starts to read is
 * added here too (a test fails when the built-in {@code application.yaml} has a key this table
 * does not know).
 */
public final class ConfigSchema {

    /** What a key's value must look like; {@link #expected} is said in the messages. */
    public enum Kind {
        TEXT("text"),
        /** Text never repeated in a message (a credential). */
        SECRET("text"),
        WHOLE_NUMBER("a whole number"),
        TCP_PORT("a port number from 1 to 65535"),
        BOOLEAN("true or false"),
        DURATION("an ISO 8601 duration such as PT60S"),
        PIN("a BCM GPIO pin number from " + ConfigSchema.MIN_PIN + " to " + PanelConfig.MAX_PIN),
        /** A serial device that must exist when the kiosk drives real hardware. */
        DEVICE("a device path such as /dev/jinban-scanner"),
        PRINTER("a printer such as file:/dev/usb/lp0, serial:/dev/ttyUSB0?baud=9600 or tcp://printer:9100"),
        /** A path the kiosk makes itself when missing. */
        PATH("a path"),
        /** A file that must exist when set. */
        FILE("the absolute path of an existing file"),
        /** A directory that must exist when set. */
        DIRECTORY("the absolute path of an existing directory");

        private final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        public String expected() {
            return expected;
        }
    }

    /** When a key must be set by the technician's file or enrollment (not left to the built-in demo values). */
    public enum Required {
        NO,
        /** On every kiosk: the demo station's values are no real station's. */
        ALWAYS,
        /** With {@code devices.simulate: false}, i.e. on a kiosk in service. */
        REAL_DEVICES
    }

    public record Key(String path, Kind kind, Required required) {
        /** The key's parent section, e.g. {@code kiosk.ui} for {@code kiosk.ui.idle-timeout}. */
        public String section() {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? "" : path.substring(0, dot);
        }
    }

    /** GPIO 0 and 1 are the HAT ID EEPROM's bus; {@link PanelConfig} refuses them. */
    public static final int MIN_PIN = 2;

    private static final List<Key> KEYS = List.of(
            key("server.host", Kind.TEXT),
            key("server.port", Kind.TCP_PORT),

            key("kiosk.data-dir", Kind.PATH),
            key("kiosk.secret-file", Kind.PATH),
            key("kiosk.station.name-zh", Kind.TEXT, Required.ALWAYS),
            key("kiosk.station.name-en", Kind.TEXT, Required.ALWAYS),
            key("kiosk.station.grid-code", Kind.TEXT, Required.ALWAYS),
            key("kiosk.station.kiosk-no", Kind.TEXT),
            key("kiosk.station.address", Kind.TEXT),
            key("kiosk.appeals.retention", Kind.DURATION),
            key("kiosk.appeals.purge-interval", Kind.DURATION),
            key("kiosk.appeals.last-tracking-no", Kind.TEXT), // written by enrollment
            key("kiosk.staff.idle-timeout", Kind.DURATION),
            key("kiosk.staff.demo-roster", Kind.BOOLEAN),
            key("kiosk.ui.default-language", Kind.TEXT),
            key("kiosk.ui.idle-timeout", Kind.DURATION),
            key("kiosk.ui.elder-idle-timeout", Kind.DURATION),
            key("kiosk.ui.web-root", Kind.PATH),
            key("kiosk.ui.dim-after", Kind.DURATION),
            key("kiosk.ui.backlight", Kind.DIRECTORY),
            key("kiosk.catalog.seed", Kind.TEXT),

            key("devices.simulate", Kind.BOOLEAN),
            key("devices.scanner.port", Kind.DEVICE, Required.REAL_DEVICES),
            key("devices.idcard.port", Kind.DEVICE, Required.REAL_DEVICES),
            key("devices.printer", Kind.PRINTER, Required.REAL_DEVICES),
            key("devices.gpio.ready-led", Kind.PIN),
            key("devices.gpio.busy-led", Kind.PIN),
            key("devices.gpio.fault-led", Kind.PIN),
            key("devices.gpio.buzzer", Kind.PIN),
            key("devices.gpio.presence", Kind.PIN),
            key("devices.gpio.help-button", Kind.PIN),
            key("devices.gpio.debounce", Kind.DURATION),
            key("devices.gpio.help-hold-off", Kind.DURATION),

            key("sync.hub-url", Kind.TEXT, Required.REAL_DEVICES),
            key("sync.kiosk-id", Kind.TEXT),
            key("sync.credential", Kind.SECRET),
            key("sync.credential-file", Kind.FILE),
            // the sync client's own duration syntax (60s, 500ms, PT1M): SyncConfig judges it
            key("sync.reconnect-cap", Kind.TEXT),
            key("sync.max-batch", Kind.WHOLE_NUMBER),
            key("sync.pin-sha256", Kind.TEXT),
            key("sync.hub-public-key", Kind.TEXT),
            key("sync.hub-public-key-file", Kind.FILE));

    private static final Map<String, Key> BY_PATH = index();

    private ConfigSchema() {
    }

    public static List<Key> keys() {
        return KEYS;
    }

    /** The key at {@code path}, if the kiosk reads it. */
    public static Optional<Key> key(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /** Whether {@code path} is a section holding keys, such as {@code kiosk} or {@code devices.gpio}. */
    public static boolean isSection(String path) {
        String prefix = path + ".";
        return KEYS.stream().anyMatch(k -> k.path().startsWith(prefix));
    }

    /** The names directly under {@code section} ({@code ""}: the top level), keys and sections alike. */
    public static List<String> namesUnder(String section) {
        String prefix = section.isEmpty() ? "" : section + ".";
        return KEYS.stream().map(Key::path).filter(p -> p.startsWith(prefix))
                .map(p -> p.substring(prefix.length()))
                .map(rest -> rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest)
                .distinct().toList();
    }

    /** The pin keys, in the order {@link PanelConfig} checks them. */
    public static List<Key> pins() {
        return KEYS.stream().filter(k -> k.kind() == Kind.PIN).toList();
    }

    private static Map<String, Key> index() {
        Map<String, Key> byPath = new LinkedHashMap<>();
        for (Key k : KEYS) {
            if (byPath.put(k.path(), k) != null) {
                throw new IllegalStateException("key listed twice: " + k.path());
            }
        }
        return byPath;
    }

    private static Key key(String path, Kind kind) {
        return new Key(path, kind, Required.NO);
    }

    private static Key key(String path, Kind kind, Required required) {
        return new Key(path, kind, required);
    }
}
