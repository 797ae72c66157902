package org.jinban.kiosk.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.devices.printer.PrinterConfig;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.ConfigSchema.Key;
import org.jinban.kiosk.config.ConfigSchema.Kind;
import org.jinban.kiosk.config.ConfigSchema.Required;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.sync.client.SyncConfig;
import org.jinban.sync.client.SyncException;

/**
 * The second pass, over the values the kiosk will use (the files over the built-in defaults):
 * keys a real kiosk must have, device ports and files that must exist, pins used twice, and
 * every rule of the kiosk's typed configs, found by running their constructors. A constructor
 * stops at its first complaint, so the complaint's key is set back to its default and the
 * constructor run again, until it passes or complains of a key twice.
 */
final class ValueCheck {
    /**
     * One problem of a key, placed in a file by {@link ConfigCheck}.
     *
     * @param partMissing a device, printer or backlight path that is well formed but not on this
     *                    machine now ({@link ConfigProblem#partMissing()})
     */
    record Finding(String key, String message, boolean partMissing) {
        Finding(String key, String message) {
            this(key, message, false);
        }
    }

    private static final Pattern GPIO_PART = Pattern.compile("^gpio ([a-z-]+) ");
    private static final String CREDENTIAL_STAND_IN = "read-from-sync.credential-file";

    private final Map<String, String> values;
    private final Map<String, String> defaults;
    private final Set<String> given;
    private final Set<String> flagged;
    private final Path root;
    private final Function<String, Optional<String>> syncOverrides;
    private final List<Finding> findings = new ArrayList<>();

    /**
     * @param values        the value the kiosk will use for each key that has one
     * @param defaults      the built-in value of each key that has one
     * @param given         the keys set by the technician's file, enrollment or the environment
     * @param flagged       keys the first pass found wrong already: not judged again
     * @param root          where absolute paths are looked up: {@code /}, or a test's stand-in
     * @param syncOverrides sync keys the kiosk takes from plain environment variables first
     */
    ValueCheck(Map<String, String> values, Map<String, String> defaults, Set<String> given, Set<String> flagged,
               Path root, Function<String, Optional<String>> syncOverrides) {
        this.values = new HashMap<>(values);
        this.defaults = defaults;
        this.given = given;
        this.flagged = new HashSet<>(flagged);
        this.root = root;
        this.syncOverrides = syncOverrides;
    }

    List<Finding> run() {
        boolean simulate = !"false".equalsIgnoreCase(value("devices.simulate"));
        required(simulate);
        paths(simulate);
        pinsUsedTwice();
        flagged.forEach(this::setBack);
        typed("kiosk", config -> KioskConfig.from(config));
        typed("kiosk.appeals", config -> AppealConfig.from(config, simulate));
        typed("devices", DeviceConfig::from);
        if (!value("sync.hub-url").isBlank()) {
            typed("sync", config -> SyncConfig.from(this::syncValue));
        }
        return findings;
    }

    private void required(boolean simulate) {
        for (Key key : ConfigSchema.keys()) {
            boolean needed = key.required() == Required.ALWAYS
                    || key.required() == Required.REAL_DEVICES && !simulate;
            // a device port set to "" on purpose says this kiosk has no such device (docs/devices.md)
            boolean mayBeEmpty = key.kind() == Kind.DEVICE || key.kind() == Kind.PRINTER;
            if (!needed || flagged.contains(key.path())
                    || given.contains(key.path()) && (mayBeEmpty || !value(key.path()).isBlank())) {
                continue;
            }
            String why = key.required() == Required.REAL_DEVICES
                    ? "is required when devices.simulate is false; expected " + key.kind().expected()
                    : given.contains(key.path()) ? "must not be blank; set this station's own"
                    : "is required; the built-in value is the demo station's, set this station's own";
            if (key.path().equals("sync.hub-url")) {
                why += " (enrollment writes it: jinban-provision enroll)";
            } else if (mayBeEmpty) {
                why += ", or \"\" if this kiosk has none";
            }
            find(key.path(), why);
        }
        String dataDir = value("kiosk.data-dir");
        if (!simulate && !flagged.contains("kiosk.data-dir") && !dataDir.startsWith("/")) {
            find("kiosk.data-dir", "must be an absolute path such as /var/lib/jinban when devices.simulate is false,"
                    + " was '" + dataDir + "'");
        }
    }

    private void paths(boolean simulate) {
        for (Key key : ConfigSchema.keys()) {
            String v = value(key.path());
            if (v.isBlank() || flagged.contains(key.path())) {
                continue;
            }
            switch (key.kind()) {
                case DEVICE -> {
                    if (!simulate && !Files.exists(onRoot(v))) {
                        missing(key.path(), "no such device " + v + "; is it plugged in, and do the udev rules name it?"
                                + " (ls -l /dev/jinban-*)");
                    }
                }
                case PRINTER -> {
                    PrinterConfig printer;
                    try {
                        printer = PrinterConfig.parse(v); // the file pass judged a value from a file; this one is from elsewhere
                    } catch (RuntimeException e) {
                        find(key.path(), e.getMessage().replaceFirst("^printer 'config': ", ""));
                        continue;
                    }
                    if (!simulate && printer.transport() != PrinterConfig.Transport.TCP
                            && !Files.exists(onRoot(printer.target()))) {
                        missing(key.path(), "no such device " + printer.target()
                                + "; is the printer plugged in and switched on?");
                    }
                }
                case FILE -> {
                    Path file = onRoot(v);
                    if (Files.notExists(file)) {
                        find(key.path(), "no such file " + v);
                    } else if (Files.isDirectory(file)) {
                        find(key.path(), v + " is a directory; expected a file");
                    }
                }
                case DIRECTORY -> {
                    Path dir = onRoot(v);
                    if (Files.notExists(dir)) {
                        missing(key.path(), "no such directory " + v);
                    } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
                        find(key.path(), v + " is not a directory");
                    }
                }
                default -> {
                }
            }
        }
    }

    private void pinsUsedTwice() {
        Map<String, String> owner = new LinkedHashMap<>();
        for (Key key : ConfigSchema.pins()) {
            if (flagged.contains(key.path()) || value(key.path()).isBlank()) {
                continue;
            }
            String pin = value(key.path()).strip();
            String first = owner.putIfAbsent(pin, key.path());
            if (first != null) {
                // blame the key the technician set, not the built-in one it collides with
                boolean blameFirst = given.contains(first) && !given.contains(key.path());
                String at = blameFirst ? first : key.path();
                String other = blameFirst ? key.path() : first;
                find(at, "pin " + pin + " is also used by " + other + "; each part needs its own pin");
            }
        }
    }

    /** Runs one typed config's reading of the values; each complaint is found, set back, and the reading run again. */
    private void typed(String section, Consumer<Config> read) {
        Set<String> complained = new HashSet<>();
        for (int round = 0; round <= ConfigSchema.keys().size(); round++) {
            Finding complaint;
            try {
                read.accept(config());
                return;
            } catch (ConfigException e) {
                complaint = new Finding(refine(e.key(), e.reason()), e.reason());
            } catch (SyncException e) {
                String message = e.getMessage();
                int space = message.indexOf(' ');
                complaint = space > 0 && message.startsWith("sync.")
                        ? new Finding(message.substring(0, space), message.substring(space + 1))
                        : new Finding(section, message);
            } catch (RuntimeException e) {
                complaint = new Finding(section, String.valueOf(e.getMessage()));
            }
            if (!flagged.contains(complaint.key())) {
                findings.add(complaint);
                flagged.add(complaint.key());
            }
            if (!complained.add(complaint.key()) || ConfigSchema.key(complaint.key()).isEmpty()) {
                return;
            }
            setBack(complaint.key());
        }
    }

    /** DeviceConfig names only {@code devices} for a GPIO complaint; the message names the part. */
    private static String refine(String key, String reason) {
        Matcher part = GPIO_PART.matcher(reason);
        if (key.equals("devices") && part.find()) {
            return "devices.gpio." + part.group(1);
        }
        return key;
    }

    private void setBack(String key) {
        if (defaults.containsKey(key)) {
            values.put(key, defaults.get(key));
        } else {
            values.remove(key);
        }
        if (ConfigSchema.key(key).map(k -> k.kind() == Kind.PIN).orElse(false)) {
            freePin(key);
        }
    }

    /** A pin set back to its default may still collide with a pin the technician set: take a free one. */
    private void freePin(String key) {
        Set<String> taken = new HashSet<>();
        ConfigSchema.pins().stream().filter(k -> !k.path().equals(key)).forEach(k -> taken.add(value(k.path()).strip()));
        if (!taken.contains(value(key).strip())) {
            return;
        }
        for (int pin = ConfigSchema.MIN_PIN; pin <= org.jinban.devices.gpio.PanelConfig.MAX_PIN; pin++) {
            if (!taken.contains(String.valueOf(pin))) {
                values.put(key, String.valueOf(pin));
                return;
            }
        }
    }

    private Config config() {
        Map<String, String> map = new HashMap<>(values);
        String webRoot = map.getOrDefault("kiosk.ui.web-root", "");
        if (webRoot.startsWith("/")) {
            map.put("kiosk.ui.web-root", onRoot(webRoot).toString());
        }
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(map)).build();
    }

    private Optional<String> syncValue(String key) {
        if (key.equals("sync.credential-file") || key.equals("sync.hub-public-key-file")) {
            // SyncConfig would read these files on this machine, not under the root being
            // checked; this check looks for them itself (schema kind FILE).
            return Optional.empty();
        }
        Optional<String> v = syncOverrides.apply(key).or(() -> Optional.ofNullable(values.get(key)))
                .filter(s -> !s.isBlank());
        if (v.isEmpty() && key.equals("sync.credential") && !value("sync.credential-file").isBlank()) {
            return Optional.of(CREDENTIAL_STAND_IN);
        }
        return v;
    }

    private String value(String key) {
        return values.getOrDefault(key, "");
    }

    private Path onRoot(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? root.resolve(p.getRoot().relativize(p).toString()) : p;
    }

    private void find(String key, String message) {
        findings.add(new Finding(key, message));
        flagged.add(key);
    }

    /** A part of the machine (device, printer, backlight) that is not there now. */
    private void missing(String key, String message) {
        findings.add(new Finding(key, message, true));
        flagged.add(key);
    }
}
