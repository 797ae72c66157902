package org.jinban.kiosk.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifier against a fake systemd-notify: a script that records its arguments. */
class SystemdNotifierTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;
    private Path record;
    private List<String> command;
    private final AtomicReference<Optional<String>> health = new AtomicReference<>(Optional.empty());

    @BeforeEach
    void fakeSystemdNotify() throws IOException {
        record = dir.resolve("calls");
        Path script = dir.resolve("systemd-notify");
        Files.writeString(script, "#!/bin/sh\nprintf '%s %s\\n' \"$NOTIFY_SOCKET\" \"$*\" >> '" + record + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        command = List.of(script.toString());
    }

    private SystemdNotifier notifier(Map<String, String> env) {
        return SystemdNotifier.fromEnvironment(env, command, bound -> health.get()).orElseThrow();
    }

    private List<String> calls() throws IOException {
        return Files.exists(record) ? Files.readAllLines(record, StandardCharsets.UTF_8) : List.of();
    }

    private long count(String message) throws IOException {
        return calls().stream().filter(c -> c.contains(" " + message)).count();
    }

    private void awaitCalls(Predicate<List<String>> done, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.test(calls())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for " + what + "; calls: " + calls());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void nothingOutsideSystemd() {
        assertTrue(SystemdNotifier.fromEnvironment(Map.of(), command, bound -> Optional.empty()).isEmpty());
        assertTrue(SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", " ", "WATCHDOG_USEC", "1000"), command,
                bound -> Optional.empty()).isEmpty());
    }

    @Test
    void feedsEveryHalfWatchdogPeriodOnlyForThisProcess() {
        assertEquals(Optional.of(Duration.ofSeconds(15)),
                SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000"), PID));
        assertEquals(Optional.of(Duration.ofSeconds(15)), SystemdNotifier.watchdogInterval(
                Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", Long.toString(PID)), PID));
        assertEquals(Optional.empty(), SystemdNotifier.watchdogInterval(
                Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", Long.toString(PID + 1)), PID),
                "a watchdog meant for another process");
        assertEquals(Optional.empty(), SystemdNotifier.watchdogInterval(Map.of(), PID));
        assertEquals(Optional.empty(), SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), PID));
        assertEquals(Optional.empty(), SystemdNotifier.watchdogInterval(Map.of("WATCHDOG_USEC", "0"), PID));
    }

    @Test
    void readyAndStoppingGoToTheSocketSystemdNamed() throws Exception {
        SystemdNotifier n = notifier(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"));
        n.ready();
        n.close();
        List<String> calls = calls();
        assertEquals(2, calls.size(), calls.toString());
        assertEquals("/run/systemd/notify --pid=" + PID + " READY=1 STATUS=serving", calls.get(0));
        assertEquals("/run/systemd/notify --pid=" + PID + " STOPPING=1 STATUS=stopping", calls.get(1));
    }

    @Test
    void aFailingSelfCheckStopsTheFeedingAndAPassingOneResumesIt() throws Exception {
        SystemdNotifier n = notifier(Map.of("NOTIFY_SOCKET", "@notify", "WATCHDOG_USEC", "30000000"));
        assertTrue(n.feed());
        assertEquals(1, count("WATCHDOG=1"));

        health.set(Optional.of("the database did not answer within 5000 ms"));
        assertFalse(n.feed());
        assertFalse(n.feed());
        assertEquals(1, count("WATCHDOG=1"), "no feeding while unhealthy: " + calls());
        assertEquals(2, count("STATUS=unhealthy: the database did not answer within 5000 ms"));

        health.set(Optional.empty());
        assertTrue(n.feed());
        assertEquals(2, count("WATCHDOG=1"));
        n.close();
    }

    @Test
    void theTimerFeedsWhileHealthyAndStopsWhenTheCheckFails() throws Exception {
        // 100 ms period: a tick every 50 ms.
        SystemdNotifier n = notifier(Map.of("NOTIFY_SOCKET", "@notify", "WATCHDOG_USEC", "100000"));
        n.ready();
        awaitCalls(c -> c.stream().filter(l -> l.endsWith(" WATCHDOG=1")).count() >= 3, "three feeds");

        health.set(Optional.of("the web server is not running"));
        // The first unhealthy tick may be running already; three later ones prove the timer goes
        // on ticking without feeding.
        awaitCalls(c -> c.stream().filter(l -> l.contains("STATUS=unhealthy")).count() >= 1, "an unhealthy tick");
        long fed = count("WATCHDOG=1");
        awaitCalls(c -> c.stream().filter(l -> l.contains("STATUS=unhealthy")).count() >= 4, "more unhealthy ticks");
        assertEquals(fed, count("WATCHDOG=1"), "fed while unhealthy: " + calls());

        n.close();
        List<String> calls = calls();
        assertTrue(calls.get(calls.size() - 1).endsWith("STOPPING=1 STATUS=stopping"), calls.toString());
        int after = calls.size();
        Thread.sleep(200);
        assertEquals(after, calls().size(), "no tick after close");
    }

    @Test
    void aMissingProgramDoesNotStopTheKiosk() {
        SystemdNotifier n = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "@notify", "WATCHDOG_USEC", "1000000"),
                List.of(dir.resolve("no-such-program").toString()), bound -> Optional.empty()).orElseThrow();
        n.ready();
        assertTrue(n.feed(), "the check passed; that the message could not be sent is only logged");
        n.close();
    }

    @Test
    void theCheckGetsAtMostHalfTheIntervalAndFiveSeconds() {
        assertEquals(Duration.ofSeconds(5),
                notifier(Map.of("NOTIFY_SOCKET", "@n", "WATCHDOG_USEC", "30000000")).checkBound());
        assertEquals(Duration.ofMillis(250),
                notifier(Map.of("NOTIFY_SOCKET", "@n", "WATCHDOG_USEC", "1000000")).checkBound());
    }
}
