package org.jinban.provisioning.selftest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.provisioning.ProvisionException;
import org.jinban.provisioning.ProvisionMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jinban-provision selftest}: goes round the kiosk's devices with the technician (print a
 * test receipt, scan it back, read an ID card, LEDs, buzzer, presence sensor, help button) and
 * checks the hub connection and the clock; ends with a table and exit 0 only if every step that
 * ran passed, else 1.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Test every device, the hub connection and the clock, with a pass/fail table at the end.",
                "Steps: printer, scanner, idcard, leds, buzzer, presence, help, hub, clock.",
                "Stop the kiosk service first on real hardware: sudo systemctl stop jinban-kiosk"})
public final class SelftestCommand implements Callable<Integer> {
    static final String STOP_KIOSK = "sudo systemctl stop jinban-kiosk";
    private static final Set<String> DEVICE_STEPS = Set.of("printer", "scanner", "idcard", "leds", "buzzer",
            "presence", "help");

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "the kiosk's configuration (default: $JINBAN_CONFIG, else /etc/jinban/kiosk.yaml)")
    Path config;

    @Option(names = "--only", split = ",", paramLabel = "STEP", description = "run only these steps (comma-separated)")
    List<String> only;

    @Option(names = "--skip", split = ",", paramLabel = "STEP", description = "leave these steps out (comma-separated)")
    List<String> skip;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT30S",
            description = "how long a step waits for a person: a scan, a card, a button, an answer (default: ${DEFAULT-VALUE})")
    String waitText;

    @Option(names = "--blink", paramLabel = "DURATION", defaultValue = "PT1S",
            description = "how long each LED is lit and the buzzer sounds (default: ${DEFAULT-VALUE})")
    String blinkText;

    @Option(names = "--hub-timeout", paramLabel = "DURATION", defaultValue = "PT10S",
            description = "how long the hub and clock checks wait for the network (default: ${DEFAULT-VALUE})")
    String hubTimeoutText;

    @Option(names = "--unattended",
            description = "ask no questions: an LED or the buzzer passes when its pin was set without error (nobody saw it)")
    boolean unattended;

    @Option(names = "--simulate-operator",
            description = "with devices.simulate: true only: act as the person at the kiosk through the simulators")
    boolean simulateOperator;

    @Option(names = "--accept-silent-printer",
            description = "pass a printer that never answers the status request (DLE EOT); it cannot report paper out")
    boolean acceptSilentPrinter;

    @Option(names = "--force", description = "test real devices even though the kiosk service seems to be running")
    boolean force;

    private final Function<DeviceConfig, Rig> rigs;
    private final InputStream console;

    public SelftestCommand() {
        this(Rig::open, System.in);
    }

    /** For tests: other devices (e.g. a dead printer) and another console. */
    SelftestCommand(Function<DeviceConfig, Rig> rigs, InputStream console) {
        this.rigs = rigs;
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Duration wait = duration("--wait", waitText);
        Duration blink = duration("--blink", blinkText);
        Duration hubTimeout = duration("--hub-timeout", hubTimeoutText);
        Set<String> chosen = chosenSteps();
        SelftestSettings settings = SelftestSettings.load(configFile());
        boolean devicesChosen = chosen.stream().anyMatch(DEVICE_STEPS::contains);
        DeviceConfig devices = settings.devices();
        if (simulateOperator && !devices.simulate()) {
            throw usage("--simulate-operator works only with devices.simulate: true; on real hardware a technician does the steps");
        }
        if (devices.simulate() && devicesChosen && !simulateOperator) {
            throw usage("devices.simulate is true: nobody can scan, place a card or press a button on a simulated kiosk;"
                    + " add --simulate-operator");
        }
        if (!devices.simulate() && devicesChosen && !force) {
            refuseWhileKioskRuns(settings);
        }
        out.println("Self-test of " + (devices.simulate() ? "the simulated devices" : "this kiosk") + " ("
                + chosen.size() + " of " + Selftest.names().size() + " steps; a step waits up to "
                + SelftestContext.seconds(wait) + " for you)");
        out.flush();
        List<Selftest.Row> rows;
        try (Rig rig = rigs.apply(devices)) {
            Operator operator = simulateOperator ? new SimulatedOperator(rig.simulation().orElseThrow(), out)
                    : unattended ? new UnattendedOperator() : new ConsoleOperator(console, out);
            HubProbe hub = settings.hub().map(h -> new HubProbe(h, hubTimeout)).orElse(null);
            SelftestContext context = new SelftestContext(rig, operator, out, settings, Clock.systemUTC(), wait, blink,
                    hubTimeout, acceptSilentPrinter, hub);
            try {
                rows = Selftest.run(Selftest.allSteps(), chosen, context);
            } finally {
                if (hub != null) {
                    hub.close();
                }
            }
        }
        boolean passed = Selftest.allPassed(rows, chosen);
        out.println();
        out.print(Selftest.table(rows));
        long failed = rows.stream().filter(r -> chosen.contains(r.step()) && r.result().outcome() != StepResult.Outcome.PASS).count();
        out.println(passed ? "All " + chosen.size() + " steps passed."
                : failed + " of " + chosen.size() + " steps did not pass: see the detail column, fix, and run again"
                + " (--only STEP runs just that one).");
        out.flush();
        return passed ? ProvisionMain.EXIT_OK : ProvisionMain.EXIT_FAILED;
    }

    private Path configFile() {
        if (config != null) {
            return config;
        }
        return Optional.ofNullable(System.getenv("JINBAN_CONFIG")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(Path.of("/etc/jinban/kiosk.yaml"));
    }

    private Set<String> chosenSteps() {
        List<String> all = Selftest.names();
        Set<String> chosen = new LinkedHashSet<>(only == null || only.isEmpty() ? all : names("--only", only));
        if (skip != null) {
            chosen.removeAll(names("--skip", skip));
        }
        if (chosen.isEmpty()) {
            throw usage("no step left to run; steps are " + String.join(", ", all));
        }
        return chosen;
    }

    private List<String> names(String option, List<String> given) {
        List<String> all = Selftest.names();
        List<String> names = given.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        for (String name : names) {
            if (!all.contains(name)) {
                throw usage(option + ": no step named '" + name + "'; steps are " + String.join(", ", all));
            }
        }
        return names;
    }

    /**
     * The service holds the serial ports and GPIO lines while it runs: two programs reading one
     * scanner each get half the bytes. If its HTTP port answers, it runs.
     */
    private static void refuseWhileKioskRuns(SelftestSettings settings) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.serverHost(), settings.serverPort()), 1000);
        } catch (IOException notRunning) {
            return;
        }
        throw new ProvisionException(ProvisionMain.EXIT_FAILED, "the kiosk service is running (it answers on "
                + settings.serverHost() + ":" + settings.serverPort() + ") and holds the devices: stop the kiosk first: "
                + STOP_KIOSK + " (or add --force)");
    }

    private Duration duration(String option, String text) {
        try {
            Duration d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMinutes(10)) > 0) {
                throw usage(option + " must be more than 0 and at most PT10M, was " + text);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw usage(option + " must be an ISO 8601 duration such as PT30S, was '" + text + "'");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
