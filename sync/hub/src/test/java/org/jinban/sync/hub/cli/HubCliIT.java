package org.jinban.sync.hub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.jinban.sync.hub.HubConfig;
import org.jinban.sync.hub.HubServer;
import org.jinban.sync.hub.HubStore;
import org.jinban.sync.hub.testing.Records;
import org.jinban.sync.hub.testing.ScriptedKiosk;
import org.jinban.sync.protocol.Ack;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.Push;
import org.jinban.sync.protocol.Streams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The operator CLI against a real hub on a free loopback port. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HubCliIT {
    @TempDir
    Path data;
    private HubStore store;
    private HubServer hub;
    private String url;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() {
        store = HubStore.open(data, Clock.systemUTC());
        hub = HubServer.start(new HubConfig(0, data, 5, 100), store);
        url = "http://127.0.0.1:" + hub.port();
    }

    @AfterEach
    void stop() {
        hub.close();
        store.close();
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--hub";
        all[1] = url;
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = HubCli.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Test
    void kiosksAreAddedListedAndRevoked() throws Exception {
        Run none = cli("kiosks", "list");
        assertEquals(0, none.exit(), none.err());
        assertEquals("no kiosks enrolled\n", none.out());

        Run added = cli("kiosks", "add", "K-1");
        assertEquals(0, added.exit(), added.err());
        String credential = lines(added.out()).get(1);
        assertTrue(store.authenticate("K-1", credential), "the printed credential is the kiosk's");

        Path file = data.resolve("k2.credential");
        Run toFile = cli("kiosks", "add", "K-2", "--credential-file", file.toString());
        assertEquals(0, toFile.exit(), toFile.err());
        assertFalse(toFile.out().contains(Files.readString(file)), "written, not printed");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(store.authenticate("K-2", Files.readString(file)));

        Run twice = cli("kiosks", "add", "K-1");
        assertEquals(1, twice.exit());
        assertEquals("", twice.out());
        assertTrue(twice.err().startsWith("error: the hub refused POST /admin/v1/kiosks: kiosk exists: kiosk K-1 is already enrolled (HTTP 409)"),
                twice.err());

        assertEquals(0, cli("kiosks", "revoke", "K-2").exit());
        List<String> table = lines(cli("kiosks", "list").out());
        assertEquals(3, table.size(), String.valueOf(table));
        assertTrue(table.get(0).matches("KIOSK +CONNECTED +REVOKED +LAST CONTACT +QUEUE +OLDEST UNSENT \\(s\\) +KEY \\(SHA-256\\)"), table.get(0));
        assertTrue(table.get(1).matches("K-1 +no +no +- +- +- +-"), table.get(1));
        assertTrue(table.get(2).matches("K-2 +no +yes +- +- +- +-"), table.get(2));
        Run unknown = cli("kiosks", "revoke", "K-9");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no kiosk K-9"), unknown.err());
    }

    @Test
    void appealsAreListedAndTheirStatusMoved() throws Exception {
        String credential = store.enroll("K-1").orElseThrow();
        WebSocketClient client = new WebSocketClient();
        client.start();
        try (ScriptedKiosk k = ScriptedKiosk.welcomed(client, hub.syncUri(), "K-1", credential, Map.of())) {
            k.send(new Push(Message.newId(), List.of(Records.appealFiled("T-1"))));
            k.next(Ack.class);
        } finally {
            client.stop();
        }
        List<String> table = lines(cli("appeals", "list").out());
        assertEquals(2, table.size(), String.valueOf(table));
        assertTrue(table.get(1).matches("T-1 +K-1 +SUBMITTED +\\S+Z +- +no"), table.get(1));

        Run moved = cli("appeals", "status", "T-1", "--status", "DISPATCHED", "--level", "STREET", "--department", "街道城管办",
                "--reply", "已派单");
        assertEquals(0, moved.exit(), moved.err());
        assertEquals("appeal T-1 is now DISPATCHED; sent to kiosk K-1 (appeal-status seq 1)\n", moved.out());
        assertEquals("街道城管办", store.itemsAfter("K-1", Streams.APPEAL_STATUS, 0, 10).getFirst().body().get("department").asText());
        assertTrue(lines(cli("appeals", "list").out()).get(1).contains("DISPATCHED"));

        Run wrong = cli("appeals", "status", "T-9", "--status", "RESOLVED");
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().contains("no appeal T-9") && wrong.err().contains("HTTP 404"), wrong.err());
        Run badStatus = cli("appeals", "status", "T-1", "--status", "DONE");
        assertEquals(1, badStatus.exit());
        assertTrue(badStatus.err().contains("status: one of"), badStatus.err());
    }

    @Test
    void aCodeComesWithAQrForTheKiosksScannerThatDecodesBack() throws Exception {
        Path png = data.resolve("qr/k6.png");
        Run made = cli("codes", "create", "--kiosk", "K-6", "--station", "东城社区便民服务站", "--address", "东城街道1号",
                "--grid", "370783001001", "--qr", png.toString(), "--sync-url", "wss://hub.example.org:8443/sync/v1");
        assertEquals(0, made.exit(), made.err());
        String code = lines(made.out()).get(0).replaceAll(".*: ", "");
        assertTrue(code.matches("[0-9A-Z]{4}-[0-9A-Z]{4}"), made.out());
        assertTrue(made.out().contains("written to " + png), made.out());
        String expected = "jinban-enroll:v1?hub=wss%3A%2F%2Fhub.example.org%3A8443%2Fsync%2Fv1&code=" + code;

        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        com.google.zxing.Result zxing = new com.google.zxing.MultiFormatReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image))));
        assertEquals(expected, zxing.getText());

        Process zbar = new ProcessBuilder("zbarimg", "-q", "--raw", png.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(zbar.waitFor(20, TimeUnit.SECONDS), "zbarimg ends");
        assertEquals(expected, new String(zbar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip());
        assertEquals(0, zbar.exitValue());

        Path derived = data.resolve("derived.png");
        assertEquals(0, cli("codes", "create", "--kiosk", "K-7", "--station", "s", "--address", "a", "--grid", "g",
                "--qr", derived.toString()).exit());
        java.awt.image.BufferedImage second = javax.imageio.ImageIO.read(derived.toFile());
        String text = new com.google.zxing.MultiFormatReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(second))))
                .getText();
        assertTrue(text.startsWith("jinban-enroll:v1?hub=ws%3A%2F%2F127.0.0.1%3A" + hub.port() + "%2Fsync%2Fv1&code="), text);

        Run badUrl = cli("codes", "create", "--kiosk", "K-8", "--station", "s", "--address", "a", "--grid", "g",
                "--qr", derived.toString(), "--sync-url", "https://hub.example.org/");
        assertEquals(64, badUrl.exit());
        assertTrue(badUrl.err().contains("--sync-url"), badUrl.err());
    }

    @Test
    void codesCommandsAndTheHubKey() throws Exception {
        Run code = cli("codes", "create", "--kiosk", "K-5", "--station", "东城社区便民服务站", "--address", "东城街道1号",
                "--grid", "370783001001", "--ttl", "600");
        assertEquals(0, code.exit(), code.err());
        assertTrue(lines(code.out()).get(0).matches("enrollment code for kiosk K-5: [0-9A-Z]{4}-[0-9A-Z]{4}"), code.out());

        Run key = cli("hub-key");
        assertEquals(0, key.exit(), key.err());
        assertEquals(Files.readString(data.resolve("hub-public.key")), key.out());

        store.enroll("K-1");
        Run sent = cli("command", "send", "K-1", "refresh-catalog", "--ttl", "60");
        assertEquals(0, sent.exit(), sent.err());
        assertTrue(sent.out().matches("command [0-9a-f-]{36} \\(refresh-catalog\\) queued for kiosk K-1 at seq 1, valid until \\S+Z\n"),
                sent.out());
        assertEquals(1, store.lastSeq("K-1", Streams.COMMAND));
        Run badAction = cli("command", "send", "K-1", "format-disk");
        assertEquals(1, badAction.exit());
        assertTrue(badAction.err().contains("action: one of"), badAction.err());
    }

    @Test
    void publishingReportsWhatTheHubAnswers() throws Exception {
        Path catalog = data.resolve("catalog.json");
        Files.writeString(catalog, "{\"version\": 2, \"items\": []}");
        Run published = cli("catalog", "publish", catalog.toString());
        // Whatever the hub answers (the catalog route is another change's), the CLI says it plainly.
        if (published.exit() == 0) {
            assertTrue(published.out().startsWith("catalog version 2 published"), published.out());
        } else {
            assertEquals(1, published.exit());
            assertTrue(published.err().startsWith("error: the hub refused POST /admin/v1/catalog: "), published.err());
            assertTrue(published.err().contains("(HTTP "), published.err());
        }
        Path roster = data.resolve("roster.json");
        Files.writeString(roster, "{\"staff\": []}");
        Run rosterRun = cli("roster", "publish", roster.toString());
        assertTrue(rosterRun.exit() == 0 || rosterRun.err().startsWith("error: the hub refused POST /admin/v1/roster: "),
                rosterRun.err());
        store.enroll("K-1");
        Run config = cli("config", "set", "K-1", "kiosk.ui.idle-timeout=PT90S");
        assertTrue(config.exit() == 0 || config.err().startsWith("error: the hub refused POST /admin/v1/kiosks/K-1/config: "),
                config.err());

        Path broken = data.resolve("broken.json");
        Files.writeString(broken, "{\"version\": ");
        Run notJson = cli("catalog", "publish", broken.toString());
        assertEquals(HubCli.EXIT_USAGE, notJson.exit());
        assertTrue(notJson.err().contains("is not JSON"), notJson.err());
        Run missing = cli("catalog", "publish", data.resolve("nowhere.json").toString());
        assertEquals(HubCli.EXIT_USAGE, missing.exit());
        assertTrue(missing.err().contains("cannot read"), missing.err());
        Run notPair = cli("config", "set", "K-1", "kiosk.ui.idle-timeout");
        assertEquals(HubCli.EXIT_USAGE, notPair.exit());
        assertTrue(notPair.err().contains("is not KEY=VALUE"), notPair.err());
    }

    @Test
    void anUnreachableHubOrAWrongCommandLineEndsWithItsOwnCode() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        url = "http://127.0.0.1:" + freePort;
        Run down = cli("kiosks", "list");
        assertEquals(2, down.exit());
        assertTrue(down.err().startsWith("error: cannot reach the hub at " + url + " (connection refused)"), down.err());

        url = "ftp://example";
        assertEquals(HubCli.EXIT_USAGE, cli("kiosks", "list").exit());
        Run noCommand = cli();
        assertEquals(HubCli.EXIT_USAGE, noCommand.exit());
        assertTrue(noCommand.err().contains("Missing required subcommand"), noCommand.err());
        Run missingOption = cli("codes", "create", "--kiosk", "K-1");
        assertEquals(HubCli.EXIT_USAGE, missingOption.exit());
        assertTrue(missingOption.err().contains("--station"), missingOption.err());
    }
}
