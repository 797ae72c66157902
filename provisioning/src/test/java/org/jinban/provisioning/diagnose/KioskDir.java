package org.jinban.provisioning.diagnose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jinban.kiosk.store.Database;
import org.jinban.provisioning.ProvisionMain;

/**
 * A kiosk laid out as the package installs it, in a temporary directory: the technician's and
 * the enrollment's configuration, secret files, a real kiosk database (migrated by the kiosk's
 * own {@link Database}) and a log; and a way to run {@code diagnose} on it and read the archive.
 */
final class KioskDir {
    static final String KIOSK_ID = "K-370783001001-01";
    static final String CONFIG_CREDENTIAL = "PLANTED-CONFIG-CREDENTIAL-7f3a9c";
    static final String FILE_CREDENTIAL = "PLANTED-FILE-CREDENTIAL-93b1c2";
    static final String KIOSK_KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
    /** Stands in for the ciphertext of a resident's name: it must never leave the database. */
    static final String PERSONAL_MARKER = "PERSONAL-COLUMN-MARKER-55e1";

    final Path root;
    final Path etc;
    final Path secret;
    final Path data;
    final Path logs;
    final Path dev;
    final Path out;

    KioskDir(Path root) throws Exception {
        this.root = root;
        this.etc = Files.createDirectories(root.resolve("etc"));
        this.secret = Files.createDirectories(etc.resolve("secret"));
        this.data = root.resolve("data");
        this.logs = Files.createDirectories(root.resolve("log"));
        this.dev = Files.createDirectories(root.resolve("dev"));
        this.out = root.resolve("out");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(etc.resolve("kiosk.yaml"), """
                # the technician's file
                kiosk:
                  data-dir: %s
                  secret-file: %s
                  station:
                    grid-code: "370783001001"
                devices:
                  simulate: true
                sync:
                  credential: "%s"
                """.formatted(data, secret.resolve("kiosk.key"), CONFIG_CREDENTIAL));
        Files.writeString(etc.resolve("enrollment.yaml"), """
                sync:
                  hub-url: wss://hub.example.cn/sync/v1
                  kiosk-id: %s
                  credential-file: %s
                """.formatted(KIOSK_ID, secret.resolve("credential")));
        secretFile("credential", FILE_CREDENTIAL, "rw-------");
        secretFile("kiosk.key", KIOSK_KEY + "\n", "rw-------");
        Files.writeString(logs.resolve("kiosk.log"), """
                2026-11-23 09:00:00.000 INFO  [main] o.j.kiosk.Kiosk - kiosk started on 127.0.0.1:8080
                2026-11-23 09:00:01.000 INFO  [sync] o.j.k.sync.SyncRunner - connected to the central platform
                """);
        Files.writeString(logs.resolve("kiosk.log.1"), "2026-11-22 23:59:59.000 INFO  [main] o.j.kiosk.Kiosk - stopping\n");
        Files.createFile(dev.resolve("ttyACM0"));
        Files.createSymbolicLink(dev.resolve("jinban-scanner"), Path.of("ttyACM0"));
        createDatabase();
    }

    void secretFile(String name, String content, String mode) throws IOException {
        Path f = Files.writeString(secret.resolve(name), content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    }

    /** A real kiosk database with enough rows to span many pages, and one appeal with personal columns. */
    private void createDatabase() throws SQLException {
        try (Database db = Database.open(data); Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement audit = c.prepareStatement("INSERT INTO audit_log (seq, at, actor, action, subject,"
                    + " detail, prev_hash, hash) VALUES (?, '2026-11-23T09:00:00Z', 'kiosk', 'test.filler', NULL, ?, 'p', 'h')")) {
                for (int i = 1; i <= 3000; i++) {
                    audit.setInt(1, i);
                    audit.setString(2, "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}");
                    audit.addBatch();
                }
                audit.executeBatch();
            }
            try (PreparedStatement appeal = c.prepareStatement("INSERT INTO appeal (id, tracking_no, verifier_hash,"
                    + " verifier_enc, category_code, name_enc, phone_enc, id_hmac, grid_code, status, filed_at, due_at,"
                    + " receipt_state, lang) VALUES ('a1', 'JB0001', 'vh', ?, 'C01', ?, ?, ?, '370783001001', 'SUBMITTED',"
                    + " '2026-11-23T09:00:00Z', '2026-11-30T09:00:00Z', 'PRINTED', 'zh-CN')")) {
                appeal.setBytes(1, PERSONAL_MARKER.getBytes());
                appeal.setBytes(2, PERSONAL_MARKER.getBytes());
                appeal.setBytes(3, PERSONAL_MARKER.getBytes());
                appeal.setString(4, PERSONAL_MARKER);
                appeal.executeUpdate();
            }
            c.commit();
        }
    }

    Path db() {
        return data.resolve("jinban.db");
    }

    /** A loopback port nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** What one run printed and ended with. */
    record Run(int code, String out, String err) {
    }

    Run diagnose(String kioskUrl) {
        return diagnose(kioskUrl, out);
    }

    Run diagnose(String kioskUrl, Path outDir) {
        List<String> args = new ArrayList<>(List.of("diagnose", "--config", etc.resolve("kiosk.yaml").toString(),
                "--out", outDir.toString(), "--log-dir", logs.toString(), "--kiosk-url", kioskUrl,
                "--dev-dir", dev.toString(), "--lib-dir", root.resolve("lib").toString()));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = ProvisionMain.run(new PrintWriter(o), new PrintWriter(e), args.toArray(String[]::new));
        return new Run(code, o.toString(), e.toString());
    }

    /** The one archive in {@link #out}. */
    Path archive() throws IOException {
        try (var files = Files.list(out)) {
            List<Path> zips = files.filter(p -> p.getFileName().toString().endsWith(".zip")).toList();
            if (zips.size() != 1) {
                throw new AssertionError("expected one archive in " + out + ", found " + zips);
            }
            return zips.getFirst();
        }
    }

    /** Every entry of the archive, in order, as text. */
    static Map<String, String> entries(Path zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                z.transferTo(b);
                entries.put(e.getName(), b.toString(StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
