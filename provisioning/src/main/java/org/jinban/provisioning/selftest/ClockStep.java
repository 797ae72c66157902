package org.jinban.provisioning.selftest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Compares this machine's clock with the hub's (its HTTP {@code Date}); more than
 * {@link #TOLERANCE} apart fails: receipts, due times and the hub's records would disagree.
 * Also says whether systemd's time sync reports the clock synchronised, where
 * {@code timedatectl} exists.
 */
final class ClockStep implements Step {
    static final Duration TOLERANCE = Duration.ofSeconds(60);
    private static final Duration TIMEDATECTL_WAIT = Duration.ofSeconds(5);

    /** Runs {@code timedatectl show -p NTPSynchronized --value}; empty when there is no such command. */
    interface NtpQuery {
        Optional<String> synchronizedValue() throws InterruptedException;
    }

    private final NtpQuery ntp;

    ClockStep() {
        this(ClockStep::timedatectl);
    }

    ClockStep(NtpQuery ntp) {
        this.ntp = ntp;
    }

    @Override
    public String name() {
        return "clock";
    }

    @Override
    public String prompt(SelftestContext context) {
        return "Comparing this clock with the hub's… (" + SelftestContext.seconds(context.hubTimeout) + ")";
    }

    @Override
    public StepResult run(SelftestContext context) throws InterruptedException {
        String ntpNote = ntp.synchronizedValue().map(v -> switch (v.trim()) {
            case "yes" -> "NTP synchronized: yes";
            case "no" -> "NTP synchronized: no";
            default -> "NTP synchronized: " + v.trim();
        }).orElse("NTP state unknown (no timedatectl)");
        if (context.hub == null) {
            return StepResult.fail("no hub to compare with (not enrolled); " + ntpNote);
        }
        HubProbe.ClockReading reading = context.hub.date(context.hubTimeout);
        if (reading.problem() != null) {
            return StepResult.fail("cannot read the hub's time: " + reading.problem() + "; " + ntpNote);
        }
        Duration off = Duration.between(reading.hub(), reading.local());
        String words = "this clock is " + describe(off) + " the hub's; " + ntpNote;
        // the Date header counts whole seconds: allow for the truncation
        return off.abs().compareTo(TOLERANCE.plusSeconds(1)) <= 0 ? StepResult.pass(words)
                : StepResult.fail(words + " (more than " + TOLERANCE.toSeconds() + " s apart: set the time, check NTP)");
    }

    static String describe(Duration off) {
        long s = off.toSeconds();
        if (s == 0) {
            return "within 1 s of";
        }
        return Math.abs(s) + " s " + (s > 0 ? "ahead of" : "behind");
    }

    private static Optional<String> timedatectl() throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty(); // no such command here (not systemd, a container)
        }
        try {
            if (!p.waitFor(TIMEDATECTL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.of("unknown (timedatectl did not answer)");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return Optional.of(p.exitValue() == 0 && !out.isEmpty() ? out : "unknown (timedatectl: " + firstLine(out) + ")");
        } catch (IOException e) {
            return Optional.of("unknown (" + e.getMessage() + ")");
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
