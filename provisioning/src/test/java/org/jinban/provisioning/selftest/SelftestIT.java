package org.jinban.provisioning.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jinban.devices.idcard.IdCardSamples;
import org.jinban.devices.printer.PrinterConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.provisioning.ProvisionMain;
import org.jinban.provisioning.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The self-test end to end on the simulators, against an in-process reference hub the kiosk is
 * enrolled with: every step passes; a wrong credential, a closed hub port, a scanner that reads
 * the wrong text and a printer that cannot be opened each fail their own step, and exit 1.
 */
@Timeout(60)
class SelftestIT {
    private static final String KIOSK_ID = "K-370783001001-01";
    private static final String[] FAST = {"--simulate-operator", "--wait", "PT5S", "--blink", "PT0.2S",
            "--hub-timeout", "PT5S"};

    @TempDir
    static Path dir;
    private static TestHub hub;
    private static String credential;

    @BeforeAll
    static void startHub() {
        hub = TestHub.start(dir.resolve("hub"));
        credential = hub.store().enroll(KIOSK_ID).orElseThrow();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void everyStepPassesOnTheSimulatorsWithAnEnrolledKiosk() throws Exception {
        Path config = kiosk("ok", hub.syncUrl(), credential);
        Run run = cli(config, FAST);
        System.out.println(run.out); // the technician's view, in the test report
        assertEquals(0, run.code, run.out + run.err);
        for (String step : Selftest.names()) {
            assertEquals("PASS", outcome(run.out, step), step + " in\n" + run.out);
        }
        assertTrue(run.out.contains("[2/9] Scan the QR code on the test receipt"), run.out);
        assertTrue(run.out.contains("All 9 steps passed."), run.out);
        assertTrue(run.out.matches("(?s).*idcard\\s+PASS\\s+read ok, card valid to \\d{4}-\\d{2}.*"), run.out);
        assertTrue(run.out.contains("welcome as " + KIOSK_ID), run.out);
        // nothing of the sample card, nor the credential, reaches the screen
        var card = IdCardSamples.testSample();
        assertFalse(run.out.contains(card.name()), run.out);
        assertFalse(run.out.contains(card.idNumber()), run.out);
        assertFalse(run.out.contains(credential), run.out);
    }

    @Test
    void aWrongCredentialFailsTheHubStepAsRefused() throws Exception {
        Path config = kiosk("wrong", hub.syncUrl(), "not-the-credential");
        Run run = cli(config, with("--only", "hub,clock"));
        assertEquals(1, run.code, run.out + run.err);
        assertEquals("FAIL", outcome(run.out, "hub"), run.out);
        assertTrue(detail(run.out, "hub").contains("refused"), run.out);
        assertEquals("PASS", outcome(run.out, "clock"), run.out);
        assertEquals("SKIPPED", outcome(run.out, "printer"), run.out);
    }

    @Test
    void aClosedHubPortIsUnreachableWithinTheTimeout() throws Exception {
        try (Socket holder = new Socket()) {
            // a port held by a bound, non-listening socket: nobody else can take it meanwhile
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Path config = kiosk("closed", "ws://127.0.0.1:" + holder.getLocalPort() + "/sync/v1", credential);
            long start = System.nanoTime();
            Run run = cli(config, with("--only", "hub"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(1, run.code, run.out + run.err);
            assertEquals("FAIL", outcome(run.out, "hub"), run.out);
            assertTrue(detail(run.out, "hub").contains("unreachable"), run.out);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
        }
    }

    @Test
    void aHubThatTakesTheConnectionButNeverAnswersIsATimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread taker = Thread.ofVirtual().start(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(silent.accept()); // and never a byte back
                    }
                } catch (java.io.IOException closed) {
                    held.forEach(s -> {
                        try {
                            s.close();
                        } catch (java.io.IOException ignored) {
                            // closing at the test's end
                        }
                    });
                }
            });
            Path config = kiosk("silent", "ws://127.0.0.1:" + silent.getLocalPort() + "/sync/v1", credential);
            long start = System.nanoTime();
            Run run = cli(config, "--simulate-operator", "--only", "hub", "--hub-timeout", "PT2S");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(1, run.code, run.out + run.err);
            assertTrue(detail(run.out, "hub").startsWith("timeout: no answer within 2 s"), run.out);
            assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "took " + took);
            silent.close();
            taker.join(2000);
        }
    }

    @Test
    void aScannerThatReadsAnotherTextFailsItsStep() throws Exception {
        Path config = kiosk("garbled", hub.syncUrl(), credential);
        Run run = command(config, devices -> Rig.simulated(devices, null, text -> text + "-X"),
                with("--only", "printer,scanner"));
        assertEquals(1, run.code, run.out + run.err);
        assertEquals("PASS", outcome(run.out, "printer"), run.out);
        assertEquals("FAIL", outcome(run.out, "scanner"), run.out);
        assertTrue(detail(run.out, "scanner").contains("scanned text did not match"), run.out);
    }

    @Test
    void aDeadPrinterFailsItsStepAndTheOthersStillRun() throws Exception {
        Path config = kiosk("dead", hub.syncUrl(), credential);
        PrinterConfig nowhere = PrinterConfig.parse("file:" + dir.resolve("no-such-dir/lp0"));
        Run run = command(config, devices -> Rig.simulated(devices, nowhere::open, t -> t), FAST);
        assertEquals(1, run.code, run.out + run.err);
        assertEquals("FAIL", outcome(run.out, "printer"), run.out);
        assertTrue(detail(run.out, "printer").contains("offline"), run.out);
        assertEquals("SKIPPED", outcome(run.out, "scanner"), run.out);
        for (String step : List.of("idcard", "leds", "buzzer", "presence", "help", "hub", "clock")) {
            assertEquals("PASS", outcome(run.out, step), step + " in\n" + run.out);
        }
    }

    @Test
    void realDevicesAreRefusedWhileTheKioskServiceAnswers() throws Exception {
        try (ServerSocket kioskPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("running.yaml");
            Files.writeString(config, """
                    server:
                      port: %d
                    devices:
                      simulate: false
                    """.formatted(kioskPort.getLocalPort()));
            Run run = cli(config, "--only", "printer");
            assertEquals(1, run.code, run.out + run.err);
            assertTrue(run.err.contains("stop the kiosk first: sudo systemctl stop jinban-kiosk"), run.err);
        }
    }

    /** A kiosk config with simulated devices and, beside it, the enrollment file naming the hub. */
    private static Path kiosk(String name, String hubUrl, String secret) throws Exception {
        Path etc = Files.createDirectories(dir.resolve(name));
        Path secretFile = etc.resolve("credential");
        Files.writeString(secretFile, secret + "\n");
        Files.writeString(etc.resolve("kiosk.yaml"), """
                kiosk:
                  data-dir: %s
                devices:
                  simulate: true
                """.formatted(etc.resolve("data")));
        Files.writeString(etc.resolve(SelftestSettings.ENROLLMENT_FILE), """
                sync:
                  hub-url: %s
                  kiosk-id: %s
                  credential-file: %s
                kiosk:
                  station:
                    name-zh: 测试社区便民服务站
                """.formatted(hubUrl, KIOSK_ID, secretFile));
        return etc.resolve("kiosk.yaml");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(Path config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("selftest", "--config", config.toString()));
        all.addAll(List.of(args));
        int code = ProvisionMain.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** The command with other devices, as ProvisionMain runs it. */
    private static Run command(Path config, Function<DeviceConfig, Rig> rigs, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new SelftestCommand(rigs,
                new ByteArrayInputStream(new byte[0])));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        int code = line.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] with(String... more) {
        List<String> all = new ArrayList<>(List.of(FAST));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The step's row of the final table. */
    private static Matcher row(String out, String step) {
        String table = out.substring(out.lastIndexOf("Step "));
        Matcher m = Pattern.compile("(?m)^" + step + "\\s+(PASS|FAIL|SKIPPED)\\s+(.*)$").matcher(table);
        assertTrue(m.find(), "no row for " + step + " in\n" + out);
        return m;
    }

    private static String outcome(String out, String step) {
        return row(out, step).group(1);
    }

    private static String detail(String out, String step) {
        return row(out, step).group(2);
    }

    static {
        // the simulated operator draws the receipt's picture off screen
        System.setProperty("java.awt.headless", "true");
    }
}
