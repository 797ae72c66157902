package org.jinban.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.jinban.provisioning.testing.Cli;
import org.jinban.provisioning.testing.KioskRoot;
import org.jinban.provisioning.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as the package runs it ({@code java -jar jinban-provision.jar}, the kiosk's jar and its
 * logback.xml among the libs): a self-test on the simulators prints the technician's progress
 * and table and not one log line, on standard output or, below WARN, on standard error.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CliLoggingIT {
    /** A Logback event (a time stamp or a level first) or Logback's own status lines. */
    private static final Pattern LOG_LINE = Pattern.compile(
            "(?m)^(\\d{4}-\\d{2}-\\d{2} |\\d{2}:\\d{2}:\\d{2}[.,]\\d{3} |(TRACE|DEBUG|INFO|WARN|ERROR)\\b|.*\\|-(INFO|WARN|ERROR) in ch\\.qos)");
    private static final Pattern BELOW_WARN = Pattern.compile("(?m)^(TRACE|DEBUG|INFO)\\b|\\|-INFO in");

    @TempDir
    Path machine;
    @TempDir
    Path hubData;

    @Test
    void aSelftestRunPrintsNoLogLines() throws Exception {
        try (TestHub hub = TestHub.start(hubData)) {
            KioskRoot kiosk = KioskRoot.fresh(machine);
            Cli.Run enroll = kiosk.enroll(hub, hub.code("K-370783001001-01"));
            assertEquals(0, enroll.exit(), enroll.all());

            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Djava.awt.headless=true", "-jar", jar().toString(), "selftest", "--config",
                    kiosk.config.toString()));
            command.addAll(KioskRoot.FAST_SELFTEST);
            Path out = machine.resolve("stdout.txt");
            Path err = machine.resolve("stderr.txt");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the selftest did not end within 60 s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), stdout + stderr);
            assertTrue(stdout.contains("All 9 steps passed."), stdout);
            assertTrue(stdout.contains("[1/9]"), stdout);
            assertTrue(!LOG_LINE.matcher(stdout).find(), "a log line on standard output:\n" + stdout);
            assertTrue(!BELOW_WARN.matcher(stderr).find(), "an INFO line on standard error:\n" + stderr);
        }
    }

    /** The jar the package ships, built by this reactor's package phase before failsafe runs. */
    private static Path jar() throws IOException {
        Path jar = Path.of("target/jinban-provision.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar) || !Files.isDirectory(Path.of("target/libs"))) {
            throw new AssertionError("no " + jar + " with libs/ beside it: run by failsafe after package");
        }
        return jar;
    }
}
