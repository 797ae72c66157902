package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The device nodes as the system sees them ({@code ls -l} of {@code /dev/jinban-*},
 * {@code ttyACM*}, {@code ttyUSB*}, {@code usb/lp*}, {@code gpiochip*}), the service user's
 * groups, and a check that every port the configuration names exists when the kiosk runs its
 * real devices. How the kiosk itself sees its devices is in the service's health
 * ({@link ServiceCollector}).
 */
final class DevicesCollector implements Collector {
    static final List<String> PATTERNS = List.of("jinban-*", "ttyACM*", "ttyUSB*", "usb/lp*", "gpiochip*");
    static final List<String> STABLE_NAMES = List.of("jinban-scanner", "jinban-idcard", "jinban-printer");
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(5);

    private final Path devDir;
    private final ConfigView config;

    DevicesCollector(Path devDir, ConfigView config) {
        this.devDir = devDir;
        this.config = config;
    }

    @Override
    public String title() {
        return "devices";
    }

    @Override
    public void collect(Section section) throws InterruptedException {
        StringBuilder text = new StringBuilder("== device nodes\n");
        List<Path> nodes = nodes(text);
        if (nodes.isEmpty()) {
            text.append("none of ").append(PATTERNS).append(" under ").append(devDir).append('\n');
        } else {
            listing(nodes, text);
        }
        text.append("\n== stable names (udev rules)\n");
        List<String> present = new ArrayList<>();
        for (String name : STABLE_NAMES) {
            boolean there = Files.exists(devDir.resolve(name));
            text.append(devDir.resolve(name)).append(there ? ": present" : ": missing").append('\n');
            if (there) {
                present.add(name);
            }
        }
        text.append("\n== configured ports\n");
        configuredPorts(text, section);
        text.append("\n== service user\n");
        serviceUser(text);
        section.entry("devices.txt", text.toString());
        section.collected("devices: " + nodes.size() + " device node(s); stable names present: "
                + (present.isEmpty() ? "none" : String.join(", ", present)));
    }

    private List<Path> nodes(StringBuilder text) {
        List<Path> nodes = new ArrayList<>();
        for (String pattern : PATTERNS) {
            int slash = pattern.lastIndexOf('/');
            Path dir = slash < 0 ? devDir : devDir.resolve(pattern.substring(0, slash));
            String glob = pattern.substring(slash + 1);
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
                List<Path> found = new ArrayList<>();
                stream.forEach(found::add);
                found.sort(null);
                nodes.addAll(found);
            } catch (NoSuchFileException e) {
                // no such directory (no /dev/usb without a USB printer): nothing matches
            } catch (IOException e) {
                text.append(dir).append('/').append(glob).append(": ").append(Diagnosis.describe(e)).append('\n');
            }
        }
        return nodes;
    }

    /** {@code ls -l} (major and minor numbers); the same facts from Java when ls is not there. */
    private static void listing(List<Path> nodes, StringBuilder text) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("ls", "-l", "--"));
        nodes.forEach(n -> command.add(n.toString()));
        try {
            Commands.Result r = Commands.run(COMMAND_LIMIT, command);
            if (r.ok()) {
                text.append(r.out());
                return;
            }
            text.append("ls -l: ").append(r.failure()).append('\n');
        } catch (Commands.NotAvailable e) {
            text.append(e.getMessage()).append('\n');
        }
        for (Path n : nodes) {
            try {
                text.append(FileFacts.of(n).line()).append('\n');
            } catch (IOException e) {
                text.append(n).append(": ").append(Diagnosis.describe(e)).append('\n');
            }
        }
    }

    /** With real devices ({@code devices.simulate: false}), each port the configuration names must exist. */
    private void configuredPorts(StringBuilder text, Section section) {
        boolean simulate = !config.value("devices.simulate").map(v -> v.toLowerCase(Locale.ROOT)).orElse("true")
                .equals("false");
        text.append("devices.simulate: ").append(simulate).append('\n');
        for (String key : List.of("devices.scanner.port", "devices.idcard.port", "devices.printer")) {
            Optional<String> spec = config.value(key);
            if (spec.isEmpty()) {
                text.append(key).append(": not set\n");
                continue;
            }
            Optional<Path> node = devicePath(spec.get());
            boolean there = node.map(Files::exists).orElse(true);
            text.append(key).append(": ").append(spec.get())
                    .append(node.isEmpty() ? " (not a device node)" : there ? " (present)" : " (missing)").append('\n');
            if (!simulate && !there) {
                section.problem("devices: " + key + " names " + node.get() + ", which does not exist"
                        + " (device unplugged, or the udev rules did not name it)");
            }
        }
    }

    /** The device node a port spec names ({@code /dev/x}, {@code file:/dev/x}, {@code serial:/dev/x?baud=…}). */
    Optional<Path> devicePath(String spec) {
        String s = spec.replaceFirst("^(file|serial):", "");
        int query = s.indexOf('?');
        if (query >= 0) {
            s = s.substring(0, query);
        }
        if (!s.startsWith("/dev/")) {
            return Optional.empty();
        }
        return Optional.of(devDir.resolve(s.substring("/dev/".length())));
    }

    private static void serviceUser(StringBuilder text) throws InterruptedException {
        try {
            Commands.Result r = Commands.run(COMMAND_LIMIT, "id", ConfigCollector.SERVICE_USER);
            text.append("id ").append(ConfigCollector.SERVICE_USER).append(": ")
                    .append(r.ok() ? r.out().strip() : r.failure()).append('\n');
        } catch (Commands.NotAvailable e) {
            text.append(e.getMessage()).append('\n');
        }
    }
}
