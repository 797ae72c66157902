package org.jinban.provisioning.reset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jinban.provisioning.ProvisionMain;
import org.jinban.provisioning.testing.Cli;
import org.jinban.provisioning.testing.KioskFiles;
import org.jinban.provisioning.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jinban-provision factory-reset} on an enrolled kiosk's files, then enrolling it again. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FactoryResetIT {
    @TempDir
    Path hubData;
    @TempDir
    Path etc;
    private TestHub hub;
    private Path config;
    private Path logs;

    @BeforeEach
    void enrolled() throws Exception {
        hub = TestHub.start(hubData);
        config = KioskFiles.config(etc, KioskFiles.freePort());
        Cli.Run run = Cli.run("enroll", "--config", config.toString(), "--owner", KioskFiles.me(),
                "--hub", hub.syncUrl(), "--code", hub.code("K-1"));
        assertEquals(0, run.exit(), run.all());
        Files.createDirectories(etc.resolve("data/backup"));
        Files.writeString(etc.resolve("data/jinban.db"), "appeals and their personal data");
        Files.writeString(etc.resolve("data/backup/old.db"), "more");
        logs = Files.createDirectories(etc.resolve("log"));
        Files.writeString(logs.resolve("kiosk.log"), "log lines");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Cli.Run reset(String typed, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("factory-reset", "--config", config.toString(),
                "--log-dir", logs.toString()));
        args.addAll(List.of(more));
        return Cli.withInput(typed, args.toArray(String[]::new));
    }

    private List<Path> enrollmentFiles() {
        return List.of(etc.resolve("enrollment.yaml"), etc.resolve("hub-public.key"), etc.resolve("identity.pub"),
                etc.resolve("secret/kiosk.key"), etc.resolve("secret/credential"), etc.resolve("secret/identity.key"),
                etc.resolve("data/jinban.db"), etc.resolve("data/backup/old.db"));
    }

    @Test
    void anythingButTheKioskIdAbortsAndTouchesNothing() throws Exception {
        byte[] secret = Files.readAllBytes(etc.resolve("secret/kiosk.key"));
        for (String typed : new String[] {"K-2\n", "k-1\n", "RESET\n", "", "yes\n"}) {
            Cli.Run run = reset(typed);
            assertEquals(ProvisionMain.EXIT_FAILED, run.exit(), run.all());
            assertTrue(run.err().contains("aborted") && run.err().contains("nothing was touched"), run.err());
            assertTrue(run.out().contains("Type the kiosk id, K-1,"), run.out());
            for (Path p : enrollmentFiles()) {
                assertTrue(Files.exists(p), p + " after typing " + typed);
            }
        }
        assertArrayEquals(secret, Files.readAllBytes(etc.resolve("secret/kiosk.key")));
    }

    @Test
    void theKioskIdWipesEverythingButTheConfigAndTheKioskEnrollsAgain() throws Exception {
        byte[] oldSecret = Files.readAllBytes(etc.resolve("secret/kiosk.key"));
        Cli.Run run = reset("K-1\n");
        assertEquals(0, run.exit(), run.all());
        assertTrue(run.out().contains(etc.resolve("data") + "  everything in the data directory"), run.out());
        assertTrue(run.out().contains("keeps " + config + " and the logs"), run.out());
        for (Path p : enrollmentFiles()) {
            assertFalse(Files.exists(p), p + " is wiped");
        }
        assertTrue(Files.exists(config), "the technician's config stays");
        assertTrue(Files.isDirectory(etc.resolve("data")), "the data directory itself stays, with its owner");
        try (var left = Files.list(etc.resolve("data"))) {
            assertEquals(0, left.count());
        }
        assertTrue(Files.exists(logs.resolve("kiosk.log")), "logs stay without --logs");

        Cli.Run again = Cli.run("enroll", "--config", config.toString(), "--owner", KioskFiles.me(),
                "--hub", hub.syncUrl(), "--code", hub.code("K-2"));
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("a new data secret"), again.out());
        assertFalse(java.util.Arrays.equals(oldSecret, Files.readAllBytes(etc.resolve("secret/kiosk.key"))));

        Cli.Run notEnrolledWord = reset("K-2\n", "--logs");
        assertEquals(0, notEnrolledWord.exit(), notEnrolledWord.all());
        assertFalse(Files.exists(logs.resolve("kiosk.log")), "--logs deletes them");
        Cli.Run nothingLeft = reset("RESET\n");
        assertEquals(0, nothingLeft.exit(), nothingLeft.all());
        assertTrue(nothingLeft.out().contains("(not enrolled)") && nothingLeft.out().contains("Type RESET"),
                nothingLeft.out());
    }

    @Test
    void aRunningServiceIsNeverResetUnderneath() throws Exception {
        try (ServerSocket kiosk = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(config, Files.readString(config).replaceFirst("port: \\d+", "port: " + kiosk.getLocalPort()));
            Cli.Run run = reset("K-1\n");
            assertEquals(ProvisionMain.EXIT_FAILED, run.exit(), run.all());
            assertTrue(run.err().contains("the kiosk service is running") && run.err().contains("systemctl stop jinban-kiosk")
                    && run.err().contains(String.valueOf(kiosk.getLocalPort())), run.err());
        }
        for (Path p : enrollmentFiles()) {
            assertTrue(Files.exists(p), p + " untouched");
        }
    }

    @Test
    void aDataDirectoryHoldingTheConfigIsRefused() throws Exception {
        Cli.Run run = reset("K-1\n", "--data-dir", etc.toString());
        assertEquals(ProvisionMain.EXIT_FAILED, run.exit(), run.all());
        assertTrue(run.err().contains("holds the config file"), run.err());
        assertTrue(Files.exists(etc.resolve("secret/kiosk.key")));
    }
}
