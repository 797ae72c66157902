package org.jinban.provisioning.selftest;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.jinban.kiosk.devices.DeviceConfig;

/** A context over the simulators, with short waits, for the steps' unit tests. */
final class Fixtures {
    final StringWriter printed = new StringWriter();
    final Rig rig;
    final SelftestContext context;

    private Fixtures(Rig rig, Operator operator, boolean acceptSilentPrinter) {
        this.rig = rig;
        PrintWriter out = new PrintWriter(printed, true);
        SelftestSettings settings = new SelftestSettings(DeviceConfig.simulated(), "127.0.0.1", 8080, Path.of("no-data"),
                "测试社区便民服务站", Optional.empty());
        this.context = new SelftestContext(rig, operator == null ? new SimulatedOperator(rig.simulation().orElseThrow(), out)
                : operator, out, settings, Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofMillis(100),
                Duration.ofSeconds(2), acceptSilentPrinter, null);
    }

    static Fixtures simulated() {
        return new Fixtures(Rig.open(DeviceConfig.simulated()), null, false);
    }

    static Fixtures simulated(Operator operator, boolean acceptSilentPrinter) {
        return new Fixtures(Rig.open(DeviceConfig.simulated()), operator, acceptSilentPrinter);
    }

    /** A technician who types {@code answers} on the console. */
    static Operator console(String answers) {
        return new ConsoleOperator(new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(new StringWriter(), true));
    }

    Rig.Simulation simulation() {
        return rig.simulation().orElseThrow();
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }
}
