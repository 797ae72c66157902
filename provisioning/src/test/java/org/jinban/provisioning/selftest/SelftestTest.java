package org.jinban.provisioning.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jinban.provisioning.ProvisionMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelftestTest {
    @TempDir
    Path dir;

    private record Fixed(String name, StepResult result) implements Step {
        @Override
        public String prompt(SelftestContext context) {
            return "doing " + name;
        }

        @Override
        public StepResult run(SelftestContext context) {
            if (result == null) {
                throw new IllegalStateException("the " + name + " driver broke");
            }
            return result;
        }
    }

    @Test
    void aStepThatThrowsFailsAloneAndTheNextStillRuns() throws Exception {
        Fixtures f = Fixtures.simulated();
        try {
            List<Step> steps = List.of(new Fixed("a", null), new Fixed("b", StepResult.pass("fine")),
                    new Fixed("c", StepResult.pass("never run")));
            List<Selftest.Row> rows = Selftest.run(steps, Set.of("a", "b"), f.context);
            assertEquals(List.of(new Selftest.Row("a", StepResult.fail("the a driver broke")),
                    new Selftest.Row("b", StepResult.pass("fine")),
                    new Selftest.Row("c", StepResult.skipped("not run (--only/--skip)"))), rows);
            String out = f.printed.toString();
            assertTrue(out.contains("[1/2] doing a"), out);
            assertTrue(out.contains("[2/2] doing b"), out);
            assertFalse(Selftest.allPassed(rows, Set.of("a", "b")));
            assertTrue(Selftest.allPassed(rows.subList(1, 3), Set.of("b")));
        } finally {
            f.rig.close();
        }
    }

    @Test
    void theTableHasAColumnPerFieldAndTheWholeDetail() {
        String table = Selftest.table(List.of(new Selftest.Row("printer", StepResult.fail("printed; printer status: paper near end")),
                new Selftest.Row("hub", StepResult.pass("welcome"))));
        assertEquals("""
                Step     Result   Detail
                -------  -------  ------
                printer  FAIL     printed; printer status: paper near end
                hub      PASS     welcome
                """, table);
    }

    @Test
    void theClockStepWithoutAHubFailsAndStillReportsNtp() throws Exception {
        Fixtures f = Fixtures.simulated();
        try {
            StepResult result = new ClockStep(() -> Optional.of("yes")).run(f.context);
            assertEquals(StepResult.Outcome.FAIL, result.outcome());
            assertEquals("no hub to compare with (not enrolled); NTP synchronized: yes", result.detail());
            assertEquals("12 s ahead of", ClockStep.describe(Duration.ofSeconds(12)));
            assertEquals("75 s behind", ClockStep.describe(Duration.ofSeconds(-75)));
        } finally {
            f.rig.close();
        }
    }

    @Test
    void theHubStepOfAKioskNotEnrolledSaysToEnroll() throws Exception {
        Fixtures f = Fixtures.simulated();
        try {
            StepResult result = new HubStep().run(f.context);
            assertEquals(StepResult.Outcome.FAIL, result.outcome());
            assertTrue(result.detail().contains("jinban-provision enroll"), result.detail());
        } finally {
            f.rig.close();
        }
    }

    @Test
    void anUnknownStepNameIsAUsageError() throws Exception {
        Run run = run("--config", simulatedConfig().toString(), "--only", "printer,laser");
        assertEquals(ProvisionMain.EXIT_USAGE, run.code);
        assertTrue(run.err.contains("--only: no step named 'laser'; steps are printer, scanner, idcard"), run.err);
    }

    @Test
    void skippingEveryStepLeavesNothingToRun() throws Exception {
        Run run = run("--config", simulatedConfig().toString(), "--only", "hub", "--skip", "hub");
        assertEquals(ProvisionMain.EXIT_USAGE, run.code);
        assertTrue(run.err.contains("no step left to run"), run.err);
    }

    @Test
    void aSimulatedKioskNeedsTheSimulatedOperatorAndRealOneRefusesIt() throws Exception {
        Run simulated = run("--config", simulatedConfig().toString(), "--only", "leds");
        assertEquals(ProvisionMain.EXIT_USAGE, simulated.code);
        assertTrue(simulated.err.contains("add --simulate-operator"), simulated.err);

        Path real = dir.resolve("real.yaml");
        Files.writeString(real, "devices:\n  simulate: false\n");
        Run onHardware = run("--config", real.toString(), "--simulate-operator");
        assertEquals(ProvisionMain.EXIT_USAGE, onHardware.code);
        assertTrue(onHardware.err.contains("--simulate-operator works only with devices.simulate: true"), onHardware.err);
    }

    @Test
    void aWaitThatIsNotADurationIsAUsageError() throws Exception {
        Run run = run("--config", simulatedConfig().toString(), "--wait", "thirty");
        assertEquals(ProvisionMain.EXIT_USAGE, run.code);
        assertTrue(run.err.contains("--wait must be an ISO 8601 duration such as PT30S, was 'thirty'"), run.err);
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Run run = run("--config", dir.resolve("nope.yaml").toString(), "--only", "hub");
        assertEquals(ProvisionMain.EXIT_FAILED, run.code);
        assertTrue(run.err.contains("cannot read the configuration file " + dir.resolve("nope.yaml")), run.err);
    }

    @Test
    void aBadPinInTheConfigNamesTheKey() throws Exception {
        Path config = dir.resolve("badpin.yaml");
        Files.writeString(config, "devices:\n  simulate: true\n  gpio:\n    buzzer: 99\n");
        Run run = run("--config", config.toString(), "--only", "hub");
        assertEquals(ProvisionMain.EXIT_FAILED, run.code);
        assertTrue(run.err.contains("configuration key 'devices'") && run.err.contains("buzzer pin"), run.err);
    }

    private Path simulatedConfig() throws Exception {
        Path config = dir.resolve("kiosk.yaml");
        Files.writeString(config, "devices:\n  simulate: true\n");
        return config;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "selftest";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = ProvisionMain.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Run(code, out.toString(), err.toString());
    }
}
