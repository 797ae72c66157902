package org.jinban.provisioning.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jinban.kiosk.store.Database;
import org.jinban.provisioning.ProvisionMain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jinban-provision diagnose} end to end, in-process, on a kiosk laid out in a temporary
 * directory with a real kiosk database ({@link KioskDir}).
 */
class DiagnoseIT {
    @TempDir
    Path tmp;

    KioskDir kiosk;
    String down;

    @BeforeEach
    void kiosk() throws Exception {
        kiosk = new KioskDir(tmp);
        down = "http://127.0.0.1:" + KioskDir.closedPort();
    }

    @Test
    void aHealthyKioskGivesAnArchiveWithEveryPartAndExitsZero() throws Exception {
        Set<String> before = dataFiles();
        String hash = sha256(kiosk.db());

        KioskDir.Run run = kiosk.diagnose(down);

        assertEquals(ProvisionMain.EXIT_OK, run.code(), run.out() + run.err());
        Path zip = kiosk.archive();
        assertTrue(zip.getFileName().toString().matches("jinban-diagnose-" + KioskDir.KIOSK_ID + "-\\d{8}T\\d{6}Z\\.zip"),
                zip.toString());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(zip)));
        assertTrue(run.out().contains(zip.toAbsolutePath().toString()), run.out());
        assertTrue(run.out().contains("Problems found: none"), run.out());
        assertTrue(run.out().contains("kiosk service: not answering at " + down), run.out());

        Map<String, String> entries = KioskDir.entries(zip);
        assertEquals("summary.txt", entries.keySet().iterator().next());
        for (String name : List.of("versions.txt", "config/kiosk.yaml", "config/enrollment.yaml", "config/files.txt",
                "logs/kiosk.log", "logs/kiosk.log.1", "devices.txt", "sync.txt", "database.txt")) {
            assertTrue(entries.containsKey(name), name + " missing from " + entries.keySet());
        }
        assertTrue(entries.get("versions.txt").contains("java.version=" + System.getProperty("java.version")));
        assertTrue(entries.get("config/enrollment.yaml").contains("kiosk-id: " + KioskDir.KIOSK_ID));
        assertTrue(entries.get("config/files.txt").contains("-rw------- 0600"), entries.get("config/files.txt"));
        assertTrue(entries.get("logs/kiosk.log").contains("connected to the central platform"));
        assertTrue(entries.get("devices.txt").contains("jinban-scanner -> ttyACM0"), entries.get("devices.txt"));
        String database = entries.get("database.txt");
        assertTrue(database.contains("integrity_check: ok"), database);
        assertTrue(database.matches("(?s).*\\n  5 \\| central settings \\|.*"), database);
        assertTrue(database.matches("(?s).*\\naudit_log +3000\\n.*"), database);
        assertTrue(database.matches("(?s).*\\nappeal +1\\n.*"), database);
        assertTrue(database.contains("jinban.db-wal: absent") || database.contains("jinban.db-wal: 0 bytes"), database);
        assertTrue(entries.get("summary.txt").contains("database: integrity_check ok"), entries.get("summary.txt"));
        assertTrue(entries.get("summary.txt").contains("Problems found: none"), entries.get("summary.txt"));

        assertNowhere(entries, KioskDir.PERSONAL_MARKER);
        assertEquals(hash, sha256(kiosk.db()), "diagnose changed the database");
        assertEquals(before, dataFiles(), "diagnose left files in the data directory");
    }

    @Test
    void whileTheKioskHoldsTheDatabaseOpenItsUncheckpointedRowsAreCountedAndNothingIsWritten() throws Exception {
        try (Database running = Database.open(kiosk.data)) {
            running.inTransaction("add a cursor", c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO sync_cursor (stream, seq) VALUES ('catalog', 7), ('roster', 3)");
                }
            });
            assertTrue(Files.size(kiosk.data.resolve("jinban.db-wal")) > 0, "the rows should sit in the WAL");
            String wal = sha256(kiosk.data.resolve("jinban.db-wal"));
            String db = sha256(kiosk.db());

            KioskDir.Run run = kiosk.diagnose(down);

            assertEquals(ProvisionMain.EXIT_OK, run.code(), run.out() + run.err());
            String database = KioskDir.entries(kiosk.archive()).get("database.txt");
            assertTrue(database.contains("integrity_check: ok"), database);
            assertTrue(database.matches("(?s).*\\nsync_cursor +2\\n.*"), database);
            assertEquals(wal, sha256(kiosk.data.resolve("jinban.db-wal")));
            assertEquals(db, sha256(kiosk.db()));
        }
    }

    @Test
    void aCorruptDatabaseStillGivesTheArchiveAndIsReportedWithExitOne() throws Exception {
        long pages = Files.size(kiosk.db()) / 4096;
        try (RandomAccessFile f = new RandomAccessFile(kiosk.db().toFile(), "rw")) {
            byte[] garbage = new byte[3 * 4096];
            new Random(42).nextBytes(garbage);
            f.seek(pages / 2 * 4096);
            f.write(garbage);
        }

        KioskDir.Run run = kiosk.diagnose(down);

        assertEquals(ProvisionMain.EXIT_FAILED, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("database: integrity_check FAILED: "), run.out());
        Map<String, String> entries = KioskDir.entries(kiosk.archive());
        assertTrue(entries.get("summary.txt").contains("database: integrity_check FAILED: "), entries.get("summary.txt"));
        assertFalse(entries.get("database.txt").contains("integrity_check: ok"), entries.get("database.txt"));
        for (String name : List.of("versions.txt", "config/kiosk.yaml", "logs/kiosk.log", "devices.txt", "sync.txt")) {
            assertTrue(entries.containsKey(name), name + " missing from " + entries.keySet());
        }
    }

    @Test
    void aFileThatIsNotSqliteAtAllIsReportedNotACrash() throws Exception {
        Files.writeString(kiosk.db(), "this is not a database, it is a note somebody saved here\n".repeat(200));
        Files.deleteIfExists(kiosk.data.resolve("jinban.db-wal"));
        Files.deleteIfExists(kiosk.data.resolve("jinban.db-shm"));

        KioskDir.Run run = kiosk.diagnose(down);

        assertEquals(ProvisionMain.EXIT_FAILED, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("is not an SQLite database"), run.out());
        String summary = KioskDir.entries(kiosk.archive()).get("summary.txt");
        assertTrue(summary.contains("database: integrity_check FAILED: ") || summary.contains("database: cannot open"),
                summary);
    }

    @Test
    void aMissingDatabaseIsSaidAndNeverCreated() throws Exception {
        try (Stream<Path> files = Files.list(kiosk.data)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }

        KioskDir.Run run = kiosk.diagnose(down);

        assertEquals(ProvisionMain.EXIT_OK, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("database: no " + kiosk.db()), run.out());
        try (Stream<Path> files = Files.list(kiosk.data)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void secretsAppearNowhereInTheArchiveAndAnOpenSecretFileIsAProblem() throws Exception {
        kiosk.secretFile("credential", KioskDir.FILE_CREDENTIAL, "rw-r--r--");

        KioskDir.Run run = kiosk.diagnose(down);

        assertEquals(ProvisionMain.EXIT_FAILED, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("secret files: " + kiosk.secret.resolve("credential") + " is mode 0644, must be 0600"),
                run.out());
        Map<String, String> entries = KioskDir.entries(kiosk.archive());
        assertTrue(entries.get("config/kiosk.yaml").contains("credential: <redacted>"), entries.get("config/kiosk.yaml"));
        assertTrue(entries.get("config/kiosk.yaml").contains("secret-file: " + kiosk.secret.resolve("kiosk.key")),
                entries.get("config/kiosk.yaml"));
        assertTrue(entries.get("config/files.txt").contains("-rw-r--r-- 0644"), entries.get("config/files.txt"));
        assertNowhere(entries, KioskDir.CONFIG_CREDENTIAL);
        assertNowhere(entries, KioskDir.FILE_CREDENTIAL);
        assertNowhere(entries, KioskDir.KIOSK_KEY);
        assertFalse(run.out().contains(KioskDir.FILE_CREDENTIAL) || run.out().contains(KioskDir.CONFIG_CREDENTIAL));
    }

    @Test
    void aSecretThatReachedTheLogsIsMaskedAndReportedAsABug() throws Exception {
        Files.writeString(kiosk.logs.resolve("kiosk.log"),
                "2026-11-23 09:00:02.000 DEBUG [sync] hello credential=" + KioskDir.FILE_CREDENTIAL + "\n");

        KioskDir.Run run = kiosk.diagnose(down);

        assertEquals(ProvisionMain.EXIT_FAILED, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("secrets: a secret value was found in logs/kiosk.log (1)"), run.out());
        Map<String, String> entries = KioskDir.entries(kiosk.archive());
        assertNowhere(entries, KioskDir.FILE_CREDENTIAL);
        assertTrue(entries.get("logs/kiosk.log").contains("credential=<redacted>"), entries.get("logs/kiosk.log"));
    }

    @Test
    void personalDataPlantedInALogIsMaskedAndCounted() throws Exception {
        Files.writeString(kiosk.logs.resolve("kiosk.log"), """
                2026-11-23 09:00:02.000 INFO  [http] o.j.k.appeal.AppealService - filed for 11010519491231002X
                2026-11-23 09:00:03.000 WARN  [http] o.j.k.appeal.AppealService - sms to 13812345678 failed
                """, StandardCharsets.UTF_8);

        KioskDir.Run run = kiosk.diagnose(down);

        assertEquals(ProvisionMain.EXIT_FAILED, run.code(), run.out() + run.err());
        Map<String, String> entries = KioskDir.entries(kiosk.archive());
        assertNowhere(entries, "11010519491231002X");
        assertNowhere(entries, "13812345678");
        assertTrue(entries.get("logs/kiosk.log").contains("filed for " + PersonalDataScrubber.ID_MASK));
        assertTrue(entries.get("logs/kiosk.log").contains("sms to " + PersonalDataScrubber.PHONE_MASK));
        assertTrue(entries.get("summary.txt").contains("1 ID number(s) and 1 mobile number(s) were found in the logs"),
                entries.get("summary.txt"));
    }

    @Test
    void aLinkInTheLogDirectoryIsNotFollowed() throws Exception {
        Path elsewhere = Files.writeString(tmp.resolve("shadow"), "root:CONTENT-OF-ANOTHER-FILE:19000:0:99999:7:::\n");
        Files.createSymbolicLink(kiosk.logs.resolve("other.log"), elsewhere);

        KioskDir.Run run = kiosk.diagnose(down);

        assertEquals(ProvisionMain.EXIT_OK, run.code(), run.out() + run.err());
        assertTrue(run.out().contains(kiosk.logs.resolve("other.log") + ": not a regular file (a symbolic link?): not followed"),
                run.out());
        Map<String, String> entries = KioskDir.entries(kiosk.archive());
        assertNowhere(entries, "CONTENT-OF-ANOTHER-FILE");
        assertTrue(entries.containsKey("logs/kiosk.log"), entries.keySet().toString());
    }

    @Test
    void aRunningServiceGivesItsHealthAndSyncFigures() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/observe/health", ex -> reply(ex, "application/json", """
                {"status":"UP","checks":[
                  {"name":"catalog","status":"UP","data":{"items":3}},
                  {"name":"devices","status":"UP","data":{"scanner":"ok","printer":"ok"}},
                  {"name":"sync","status":"UP","data":{"configured":true,"connected":true,"queue":2,
                   "oldestUnsentSeconds":4,"lastContact":"2026-11-23T09:00:00Z"}}]}"""));
        server.createContext("/observe/metrics", ex -> reply(ex, "text/plain", """
                # TYPE jinban_sync_connected gauge
                jinban_sync_connected 1.0
                jinban_sync_queue 2.0
                jinban_sync_records_acked_total 17.0
                vendor_cpu_usage 0.25
                """));
        server.start();
        try {
            KioskDir.Run run = kiosk.diagnose("http://127.0.0.1:" + server.getAddress().getPort());

            assertEquals(ProvisionMain.EXIT_OK, run.code(), run.out() + run.err());
            Map<String, String> entries = KioskDir.entries(kiosk.archive());
            assertTrue(entries.get("service/health.json").contains("\"printer\" : \"ok\""), entries.get("service/health.json"));
            String sync = entries.get("sync.txt");
            assertTrue(sync.contains("\"queue\" : 2"), sync);
            assertTrue(sync.contains("jinban_sync_records_acked_total 17.0"), sync);
            assertFalse(sync.contains("vendor_cpu_usage"), sync);
            assertTrue(run.out().contains("sync: connected true, queue 2, oldest unsent 4 s"), run.out());
            assertTrue(run.out().contains("devices: scanner ok, printer ok"), run.out());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServiceThatIsDownInItsHealthIsAProblem() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/observe/health", ex -> reply(ex, 503, """
                {"status":"DOWN","checks":[{"name":"catalog","status":"DOWN","data":{"error":"no catalog"}}]}"""));
        server.start();
        try {
            KioskDir.Run run = kiosk.diagnose("http://127.0.0.1:" + server.getAddress().getPort());
            assertEquals(ProvisionMain.EXIT_FAILED, run.code(), run.out() + run.err());
            assertTrue(run.out().contains("kiosk service: health DOWN; catalog DOWN"), run.out());
            assertTrue(run.out().contains("sync metrics: /observe/metrics answered HTTP 404"), run.out());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anArchiveThatCannotBeWrittenEndsWithItsOwnCode() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("a-file"), "x");
        KioskDir.Run run = kiosk.diagnose(down, notADir);
        assertEquals(DiagnoseCommand.EXIT_NOT_WRITTEN, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("cannot write the diagnostics archive in " + notADir), run.err());
    }

    private static void reply(HttpExchange ex, String type, String body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        reply(ex, 200, body);
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void assertNowhere(Map<String, String> entries, String secret) {
        entries.forEach((name, text) -> assertFalse(text.contains(secret), secret + " found in " + name));
    }

    private Set<String> dataFiles() throws IOException {
        try (Stream<Path> files = Files.list(kiosk.data)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
