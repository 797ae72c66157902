package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.jinban.provisioning.ProvisionMain;

/**
 * What runs here: Jinban's version (the jars' manifests), the Java runtime, the operating
 * system and kernel, the Raspberry Pi model, uptime, memory, and the clock with its time zone
 * and synchronisation (a kiosk with a wrong clock signs and times everything wrong).
 */
final class VersionsCollector implements Collector {
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(5);
    private static final List<String> JAVA_PROPERTIES = List.of("java.version", "java.runtime.version",
            "java.vendor", "java.vm.name", "java.vm.version", "java.home", "os.name", "os.arch", "os.version",
            "file.encoding", "user.timezone");

    private final Path libDir;
    private final Clock clock;

    VersionsCollector(Path libDir, Clock clock) {
        this.libDir = libDir;
        this.clock = clock;
    }

    @Override
    public String title() {
        return "versions";
    }

    @Override
    public void collect(Section section) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        String jinban = Optional.ofNullable(ProvisionMain.class.getPackage().getImplementationVersion())
                .orElse("development");
        text.append("== Jinban\n")
                .append("jinban-provision: ").append(jinban).append('\n');
        installedJars(text);

        text.append("\n== Java\n");
        for (String p : JAVA_PROPERTIES) {
            text.append(p).append('=').append(System.getProperty(p, "")).append('\n');
        }
        Runtime rt = Runtime.getRuntime();
        text.append("processors=").append(rt.availableProcessors())
                .append(" max-heap=").append(rt.maxMemory() / (1024 * 1024)).append(" MB\n");

        text.append("\n== Operating system\n");
        String os = file(Path.of("/etc/os-release"), text, "/etc/os-release");
        String uname = command(text, "uname", "-a");
        String model = file(Path.of("/proc/device-tree/model"), text, "Raspberry Pi model (/proc/device-tree/model)");
        uptime(text);
        file(Path.of("/proc/loadavg"), text, "load (/proc/loadavg)");
        meminfo(text);

        text.append("\n== Time\n");
        Instant now = clock.instant();
        ZoneId zone = ZoneId.systemDefault();
        text.append("now (UTC): ").append(now).append('\n')
                .append("now (local): ").append(ZonedDateTime.ofInstant(now, zone)).append('\n')
                .append("time zone: ").append(zone.getId()).append('\n');
        String timedate = command(text, "timedatectl", "show");
        section.entry("versions.txt", text.toString());

        String prettyOs = os == null ? null : os.lines().filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst().orElse(null);
        StringBuilder line = new StringBuilder("Jinban ").append(jinban)
                .append(", Java ").append(System.getProperty("java.version"));
        if (prettyOs != null) {
            line.append(", ").append(prettyOs);
        }
        if (uname != null) {
            String[] parts = uname.split("\\s+");
            if (parts.length > 2) {
                line.append(", kernel ").append(parts[2]);
            }
        }
        if (model != null) {
            line.append(", ").append(model.replace("\0", "").strip());
        }
        if (timedate != null) {
            timedate.lines().filter(l -> l.startsWith("NTPSynchronized="))
                    .forEach(l -> line.append(", clock synchronised: ").append(l.substring(l.indexOf('=') + 1)));
        }
        section.collected(line.toString());
    }

    private void installedJars(StringBuilder text) {
        if (!Files.isDirectory(libDir)) {
            text.append("installed jars: no ").append(libDir).append(" (not installed from the package)\n");
            return;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(libDir, "*.jar")) {
            for (Path jar : jars) {
                text.append(jar.getFileName()).append(": ").append(manifestVersion(jar)).append('\n');
            }
        } catch (IOException e) {
            text.append("installed jars: cannot list ").append(libDir).append(": ").append(Diagnosis.describe(e))
                    .append('\n');
        }
    }

    private static String manifestVersion(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String v = manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
            return v == null ? "no version in its manifest" : v;
        } catch (IOException e) {
            return "cannot read: " + Diagnosis.describe(e);
        }
    }

    /** Appends a small system file; returns its text, or null when it is not there. */
    private static String file(Path path, StringBuilder text, String label) {
        try {
            String content = new String(Files.readAllBytes(path), StandardCharsets.UTF_8).replace("\0", "");
            text.append("-- ").append(label).append('\n').append(content.strip()).append('\n');
            return content;
        } catch (IOException e) {
            text.append("-- ").append(label).append(": ").append(Diagnosis.describe(e)).append('\n');
            return null;
        }
    }

    private static void uptime(StringBuilder text) {
        try {
            String first = Files.readString(Path.of("/proc/uptime")).strip().split("\\s+")[0];
            Duration up = Duration.ofMillis((long) (Double.parseDouble(first) * 1000));
            text.append("-- uptime: ").append(up.toDays()).append(" d ").append(up.toHoursPart()).append(" h ")
                    .append(up.toMinutesPart()).append(" min\n");
        } catch (IOException | RuntimeException e) {
            text.append("-- uptime: ").append(Diagnosis.describe(e)).append('\n');
        }
    }

    private static void meminfo(StringBuilder text) {
        try {
            text.append("-- memory (/proc/meminfo)\n");
            Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal") || l.startsWith("MemAvailable") || l.startsWith("Swap"))
                    .forEach(l -> text.append(l).append('\n'));
        } catch (IOException e) {
            text.append(Diagnosis.describe(e)).append('\n');
        }
    }

    /** Appends a command's output; returns it, or null when it failed or is not installed. */
    private static String command(StringBuilder text, String... command) throws InterruptedException {
        text.append("-- ").append(String.join(" ", command)).append('\n');
        try {
            Commands.Result r = Commands.run(COMMAND_LIMIT, command);
            if (r.ok()) {
                text.append(r.out().strip()).append('\n');
                return r.out();
            }
            text.append(r.failure()).append('\n');
        } catch (Commands.NotAvailable e) {
            text.append(e.getMessage()).append('\n');
        }
        return null;
    }
}
