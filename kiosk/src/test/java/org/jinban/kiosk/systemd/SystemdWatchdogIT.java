package org.jinban.kiosk.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jinban.kiosk.testing.ChildKiosk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk as systemd starts it (a separate process through Main, NOTIFY_SOCKET and
 * WATCHDOG_USEC set), with a systemd-notify on its PATH that records what it is told: ready
 * once it serves, fed while it is healthy, stopping when it closes.
 */
class SystemdWatchdogIT {
    @TempDir
    Path dir;

    @Test
    void readyThenFedThenStopping() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("calls");
        Path notify = bin.resolve("systemd-notify");
        Files.writeString(notify, "#!/bin/sh\necho \"$NOTIFY_SOCKET $*\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwx------"));

        // A 400 ms watchdog: the kiosk feeds it every 200 ms.
        Map<String, String> env = Map.of("NOTIFY_SOCKET", "@jinban-test", "WATCHDOG_USEC", "400000",
                "PATH", bin + ":" + System.getenv("PATH"));
        try (ChildKiosk kiosk = new ChildKiosk(dir.resolve("kiosk"), Map.of(), env)) {
            kiosk.start();
            await(calls, c -> c.stream().filter(l -> l.endsWith(" WATCHDOG=1")).count() >= 3, "three feeds");
            List<String> started = Files.readAllLines(calls);
            assertTrue(started.get(0).matches("@jinban-test --pid=\\d+ READY=1 STATUS=serving"), started.get(0));
            kiosk.stop();
            List<String> all = Files.readAllLines(calls);
            assertEquals("STOPPING=1 STATUS=stopping", all.get(all.size() - 1).replaceFirst("^\\S+ --pid=\\d+ ", ""),
                    all.toString());
            assertTrue(all.stream().noneMatch(l -> l.contains("unhealthy")), all.toString());
        }
    }

    private static void await(Path calls, Predicate<List<String>> done, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Files.exists(calls) && done.test(Files.readAllLines(calls)))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what + ": "
                        + (Files.exists(calls) ? Files.readAllLines(calls) : "no call"));
            }
            Thread.sleep(50);
        }
    }
}
