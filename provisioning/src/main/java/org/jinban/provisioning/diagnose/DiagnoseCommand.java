package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.helidon.config.Config;
import org.jinban.kiosk.Main;
import org.jinban.provisioning.ProvisionException;
import org.jinban.provisioning.ProvisionMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jinban-provision diagnose}: writes one archive for a support ticket and prints where,
 * what it collected, what it could not and why, and the problems it found. Ends
 * {@link ProvisionMain#EXIT_OK} when the archive was written and nothing is wrong,
 * {@link ProvisionMain#EXIT_FAILED} when it was written and a problem was found (a corrupt
 * database, a secret file readable by others, personal data in the logs, the service's health
 * DOWN…), and {@link #EXIT_NOT_WRITTEN} when the archive itself could not be written. Something
 * that could not be collected (the kiosk service stopped, journalctl missing) is said, but is
 * not a problem by itself.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Write one archive for a support ticket: versions, configuration (secrets redacted),"
                + " the last logs, devices, sync, database integrity and sizes.")
public final class DiagnoseCommand implements Callable<Integer> {
    /** The archive could not be written (EX_IOERR of sysexits.h). */
    public static final int EXIT_NOT_WRITTEN = 74;
    static final String DEFAULT_DATA_DIR = "/var/lib/jinban";
    static final int DEFAULT_PORT = 8080;
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(3);
    static final Duration DB_CHECK_TIMEOUT = Duration.ofSeconds(120);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:JINBAN_CONFIG:-/etc/jinban/kiosk.yaml}",
            description = "The technician's configuration; enrollment.yaml and secret/ are beside it (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Where to write the archive (default: the current directory).")
    Path out;

    @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = "/var/log/jinban",
            description = "The kiosk's log files (default: ${DEFAULT-VALUE}).")
    Path logDir;

    @Option(names = "--kiosk-url", paramLabel = "URL",
            description = "The kiosk service (default: http://127.0.0.1:<server.port of the configuration, else 8080>).")
    URI kioskUrl;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The kiosk's data directory (default: kiosk.data-dir of the configuration, else " + DEFAULT_DATA_DIR + ").")
    Path dataDir;

    @Option(names = "--secret-dir", paramLabel = "DIR",
            description = "The secret files, listed but never read into the archive (default: secret/ beside the configuration).")
    Path secretDir;

    @Option(names = "--dev-dir", paramLabel = "DIR", defaultValue = "/dev", hidden = true)
    Path devDir;

    @Option(names = "--lib-dir", paramLabel = "DIR", defaultValue = "/usr/share/jinban/lib", hidden = true)
    Path libDir;

    @Override
    public Integer call() {
        DiagnoseSettings settings = settings(Clock.systemUTC());
        Diagnosis.Outcome outcome;
        try {
            outcome = new Diagnosis(settings, LogsCollector.JOURNAL).run();
        } catch (IOException e) {
            throw new ProvisionException(EXIT_NOT_WRITTEN, "cannot write the diagnostics archive in "
                    + settings.outDir().toAbsolutePath() + ": " + Diagnosis.describe(e), e);
        }
        print(spec.commandLine().getOut(), outcome);
        return outcome.healthy() ? ProvisionMain.EXIT_OK : ProvisionMain.EXIT_FAILED;
    }

    DiagnoseSettings settings(Clock clock) {
        Path configDir = config.toAbsolutePath().getParent();
        Path enrollment = configDir.resolve("enrollment.yaml");
        ConfigView view = ConfigView.read(config, enrollment);
        Optional<Config> kiosk = kioskConfig(config);
        Path data = dataDir != null ? dataDir
                : kioskValue(kiosk, view, "kiosk.data-dir").map(Path::of).orElse(Path.of(DEFAULT_DATA_DIR));
        URI url = kioskUrl != null ? kioskUrl : URI.create("http://127.0.0.1:"
                + kioskValue(kiosk, view, "server.port").orElse(String.valueOf(DEFAULT_PORT)));
        return new DiagnoseSettings(config, enrollment, secretDir != null ? secretDir : configDir.resolve("secret"),
                data, logDir, devDir, libDir, url, out, HTTP_TIMEOUT, DB_CHECK_TIMEOUT, clock);
    }

    /**
     * The configuration as the kiosk service reads it ({@link Main#load}: environment, system
     * properties, the file, enrollment.yaml, the built-in defaults); empty when it cannot be read,
     * which is when a diagnosis is needed most: the files' own values are used then.
     */
    private static Optional<Config> kioskConfig(Path file) {
        try {
            Config loaded = Main.load(file.toString());
            loaded.get("server.port").asString().orElse(""); // a malformed file fails here, not later
            return Optional.of(loaded);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> kioskValue(Optional<Config> kiosk, ConfigView view, String key) {
        if (kiosk.isPresent()) {
            try {
                return kiosk.get().get(key).asString().asOptional().map(String::strip).filter(v -> !v.isEmpty());
            } catch (RuntimeException e) {
                // a section where a value belongs: the file's own reading below
            }
        }
        return view.value(key);
    }

    static void print(PrintWriter out, Diagnosis.Outcome outcome) {
        out.printf("Diagnostics written to %s (%,d bytes, %d entries).%n", outcome.archive().toAbsolutePath(),
                outcome.bytes(), outcome.entries().size());
        section(out, "Problems found", outcome.problems());
        section(out, "Not collected", outcome.notCollected());
        section(out, "Collected", outcome.collected());
        out.println(outcome.healthy() ? "No problem found. Attach the archive to the support ticket."
                : "Attach the archive to the support ticket; its summary.txt lists the same.");
        out.flush();
    }

    private static void section(PrintWriter out, String title, List<String> lines) {
        out.println(title + (lines.isEmpty() ? ": none" : " (" + lines.size() + "):"));
        lines.forEach(l -> out.println("  - " + l));
    }
}
