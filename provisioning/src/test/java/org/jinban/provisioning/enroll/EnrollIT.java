package org.jinban.provisioning.enroll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import org.jinban.kiosk.Main;
import org.jinban.kiosk.enroll.EnrollException;
import org.jinban.kiosk.enroll.HubEnrollment;
import org.jinban.provisioning.ProvisionMain;
import org.jinban.provisioning.testing.Cli;
import org.jinban.provisioning.testing.KioskFiles;
import org.jinban.provisioning.testing.TestHub;
import org.jinban.sync.client.PinnedTrustManager;
import org.jinban.sync.client.SyncConfig;
import org.jinban.sync.hub.HubConfig;
import org.jinban.sync.hub.HubServer;
import org.jinban.sync.hub.HubStore;
import org.jinban.sync.hub.TlsConfig;
import org.jinban.sync.protocol.CommandSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jinban-provision enroll} against the reference hub on a free loopback port. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EnrollIT {
    @TempDir
    Path hubData;
    @TempDir
    Path etc;
    private TestHub hub;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        hub = TestHub.start(hubData);
        config = KioskFiles.config(etc, KioskFiles.freePort());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Cli.Run enroll(Path configFile, String... more) {
        List<String> args = new ArrayList<>(List.of("enroll", "--config", configFile.toString(), "--owner", KioskFiles.me()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void enrollmentWritesEverythingOwnerOnlyAndTheKioskStartsFromIt() throws Exception {
        String code = hub.code("K-370783001001-01");
        Cli.Run run = enroll(config, "--hub", hub.syncUrl(), "--code", code);
        assertEquals(ProvisionMain.EXIT_OK, run.exit(), run.all());

        Path secret = etc.resolve("secret");
        assertEquals("rwx------", mode(secret));
        for (String f : List.of("credential", "identity.key", "kiosk.key")) {
            assertEquals("rw-------", mode(secret.resolve(f)), f);
        }
        assertEquals("rw-r-----", mode(etc.resolve("enrollment.yaml")));
        assertEquals("rw-r--r--", mode(etc.resolve("hub-public.key")));
        assertEquals("rw-r--r--", mode(etc.resolve("identity.pub")));
        try (var left = Files.list(etc)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
        assertEquals(32, Base64.getDecoder().decode(Files.readString(secret.resolve("kiosk.key")).strip()).length,
                "the data secret in the kiosk's own format");

        // The private key is PKCS#8 Ed25519 and belongs to the public one the hub now holds for the kiosk.
        String publicKey = Files.readString(etc.resolve("identity.pub")).strip();
        var priv = KeyFactory.getInstance("Ed25519").generatePrivate(
                new PKCS8EncodedKeySpec(Files.readAllBytes(secret.resolve("identity.key"))));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(priv);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature checker = Signature.getInstance("Ed25519");
        checker.initVerify(CommandSignature.decodePublicKey(publicKey));
        checker.update(new byte[] {1, 2, 3});
        assertTrue(checker.verify(signature));
        assertEquals(publicKey, hub.store().kiosk("K-370783001001-01").orElseThrow().publicKey());

        String credential = Files.readString(secret.resolve("credential")).strip();
        assertTrue(hub.store().authenticate("K-370783001001-01", credential), "a working credential");
        assertFalse(run.all().contains(credential), "the credential is never printed");
        assertFalse(run.all().contains(Base64.getEncoder().encodeToString(Files.readAllBytes(secret.resolve("identity.key")))));
        String shortPrint = hub.kiosks().get(0).get("publicKeyFingerprint").asText();
        assertTrue(run.out().contains("K-370783001001-01"), run.out());
        assertTrue(run.out().contains("东城社区便民服务站") && run.out().contains("寿光市东城街道建新街1号")
                && run.out().contains("370783001001"), run.out());
        assertTrue(run.out().contains(shortPrint), "the kiosk prints the fingerprint the hub lists: " + run.out());

        String yaml = Files.readString(etc.resolve("enrollment.yaml"));
        assertTrue(yaml.contains("credential-file: \"" + secret.resolve("credential") + "\""), yaml);
        assertTrue(yaml.contains("address: \"寿光市东城街道建新街1号\""), yaml);

        // The kiosk's own loading sees the enrollment, and its sync settings read the files it names.
        Config kiosk = Main.load(config.toString());
        assertEquals(hub.syncUrl(), kiosk.get("sync.hub-url").asString().get());
        assertEquals("K-370783001001-01", kiosk.get("sync.kiosk-id").asString().get());
        assertEquals("370783001001", kiosk.get("kiosk.station.grid-code").asString().get());
        assertEquals("寿光市东城街道建新街1号", kiosk.get("kiosk.station.address").asString().get());
        assertEquals(secret.resolve("kiosk.key").toString(), kiosk.get("kiosk.secret-file").asString().get());
        SyncConfig sync = SyncConfig.from(key -> kiosk.get(key).asString().asOptional());
        assertEquals(credential, sync.credential());
        assertEquals(Files.readString(hubData.resolve("hub-public.key")).strip(),
                CommandSignature.encodePublicKey(sync.hubKey().orElseThrow()));
    }

    @Test
    void aCodeWorksOnce() throws Exception {
        String code = hub.code("K-1");
        assertEquals(0, enroll(config, "--hub", hub.syncUrl(), "--code", code).exit());
        Path other = KioskFiles.config(etc.resolve("other"), KioskFiles.freePort());
        Cli.Run again = enroll(other, "--hub", hub.syncUrl(), "--code", code);
        assertEquals(ProvisionMain.EXIT_FAILED, again.exit(), again.all());
        assertTrue(again.err().contains("used already"), again.err());
        assertFalse(Files.exists(other.resolveSibling("enrollment.yaml")));
        assertFalse(Files.exists(other.resolveSibling("secret/credential")));
    }

    @Test
    void anExpiredOrUnknownCodeIsRefusedAndNothingIsEnrolled() throws Exception {
        String code = hub.code("K-1");
        hub.expireCodes();
        Cli.Run expired = enroll(config, "--hub", hub.syncUrl(), "--code", code);
        assertEquals(ProvisionMain.EXIT_FAILED, expired.exit(), expired.all());
        assertTrue(expired.err().contains("expired"), expired.err());
        Cli.Run unknown = enroll(config, "--hub", hub.syncUrl(), "--code", "2222-2222");
        assertEquals(ProvisionMain.EXIT_FAILED, unknown.exit(), unknown.all());
        assertTrue(unknown.err().contains("does not know this enrollment code"), unknown.err());
        assertFalse(Files.exists(etc.resolve("enrollment.yaml")));
        assertFalse(Files.exists(etc.resolve("secret/credential")));
        assertTrue(hub.store().kiosks().isEmpty());
    }

    @Test
    void aClosedPortFailsFastNamingTheHost() throws Exception {
        int closed = KioskFiles.freePort();
        Cli.Run run = enroll(config, "--hub", "ws://127.0.0.1:" + closed + "/sync/v1", "--code", "2222-2222",
                "--timeout", "PT10S");
        assertEquals(ProvisionMain.EXIT_UNREACHABLE, run.exit(), run.all());
        assertTrue(run.err().contains("127.0.0.1:" + closed) && run.err().contains("refused"), run.err());
        assertTrue(run.millis() < 8_000, "fast: " + run.millis() + " ms");
    }

    @Test
    void aHubThatNeverAnswersTimesOutInTheTimeGiven() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepted, read never, answered never
                    }
                } catch (Exception e) {
                    // closed at the end of the test
                }
            });
            Cli.Run run = enroll(config, "--hub", "ws://127.0.0.1:" + silent.getLocalPort() + "/sync/v1",
                    "--code", "2222-2222", "--timeout", "PT1S");
            assertEquals(ProvisionMain.EXIT_UNREACHABLE, run.exit(), run.all());
            assertTrue(run.err().contains("127.0.0.1:" + silent.getLocalPort())
                    && run.err().contains("did not answer within 1 s"), run.err());
            assertTrue(run.millis() >= 900 && run.millis() < 6_000, "bounded by --timeout: " + run.millis() + " ms");
            silent.close();
            acceptor.join(2000);
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aHubRefusingTheKeyIsReportedAndTheCodeStaysGood() throws Exception {
        String code = hub.code("K-1");
        HubEnrollment call = new HubEnrollment(hub.syncUrl(), java.time.Duration.ofSeconds(10));
        var refused = org.junit.jupiter.api.Assertions.assertThrows(EnrollException.class,
                () -> call.redeem(code, "bm90IGEga2V5"));
        assertEquals(ProvisionMain.EXIT_FAILED, EnrollCommand.exitCode(refused.kind()));
        assertTrue(refused.getMessage().contains("publicKey"), refused.getMessage());
        assertEquals(0, enroll(config, "--hub", hub.syncUrl(), "--code", code).exit(), "the code was not spent");
    }

    @Test
    void anEnrolledKioskIsEnrolledAgainOnlyWithForceWhichKeepsTheDataSecret() throws Exception {
        assertEquals(0, enroll(config, "--hub", hub.syncUrl(), "--code", hub.code("K-1")).exit());
        byte[] secret = Files.readAllBytes(etc.resolve("secret/kiosk.key"));
        String credential = Files.readString(etc.resolve("secret/credential"));
        String code = hub.code("K-2");
        Cli.Run refused = enroll(config, "--hub", hub.syncUrl(), "--code", code);
        assertEquals(ProvisionMain.EXIT_FAILED, refused.exit(), refused.all());
        assertTrue(refused.err().contains("enrolled already") && refused.err().contains("K-1")
                && refused.err().contains("--force"), refused.err());
        assertEquals(1, hub.store().kiosks().size(), "the code was not spent");

        Cli.Run forced = enroll(config, "--hub", hub.syncUrl(), "--code", code, "--force");
        assertEquals(0, forced.exit(), forced.all());
        assertTrue(forced.out().contains("was kept"), forced.out());
        assertArrayEquals(secret, Files.readAllBytes(etc.resolve("secret/kiosk.key")), "the data secret is kept");
        assertNotEquals(credential, Files.readString(etc.resolve("secret/credential")));
        assertEquals(Optional.of("K-2"), KioskLayout.of(config, null, null).kioskId());
    }

    @Test
    void theScannedQrTextEnrollsLikeTypedOptions() throws Exception {
        String code = hub.code("K-1");
        String qr = "jinban-enroll:v1?hub=" + URLEncoder.encode(hub.syncUrl(), StandardCharsets.UTF_8) + "&code=" + code;
        Cli.Run run = enroll(config, "--qr-text", qr);
        assertEquals(0, run.exit(), run.all());
        assertTrue(hub.store().kiosk("K-1").isPresent());
    }

    @Test
    void badCommandLinesAreUsageErrors() throws Exception {
        Cli.Run plain = enroll(config, "--hub", "ws://hub.example.org/sync/v1", "--code", "2222-2222");
        assertEquals(ProvisionMain.EXIT_USAGE, plain.exit());
        assertTrue(plain.err().contains("ws:// is allowed only for a hub on this machine"), plain.err());
        Cli.Run path = enroll(config, "--hub", "wss://hub.example.org/", "--code", "2222-2222");
        assertEquals(ProvisionMain.EXIT_USAGE, path.exit());
        assertTrue(path.err().contains("/sync/v1"), path.err());
        assertEquals(ProvisionMain.EXIT_USAGE, enroll(config, "--code", "2222-2222").exit(), "no hub");
        assertEquals(ProvisionMain.EXIT_USAGE, enroll(config, "--hub", hub.syncUrl(), "--code", "2222-2222",
                "--qr-text", "jinban-enroll:v1?hub=x&code=y").exit(), "both ways at once");
        Cli.Run timeout = enroll(config, "--hub", hub.syncUrl(), "--code", "2222-2222", "--timeout", "soon");
        assertEquals(ProvisionMain.EXIT_USAGE, timeout.exit());
        assertTrue(timeout.err().contains("not a duration"), timeout.err());
        Cli.Run qr = enroll(config, "--qr-text", "https://example.org/");
        assertEquals(ProvisionMain.EXIT_USAGE, qr.exit());
        assertTrue(qr.err().contains("not a Jinban enrollment QR"), qr.err());
    }

    @Test
    void ownershipGoesToTheServiceUserOrTheCommandSaysWhyNot() throws Exception {
        String code = hub.code("K-1");
        Cli.Run run = Cli.run("enroll", "--config", config.toString(), "--owner", "no-such-user-jinban",
                "--hub", hub.syncUrl(), "--code", code);
        if (FileOwner.isRoot()) {
            assertEquals(ProvisionMain.EXIT_FAILED, run.exit(), run.all());
            assertTrue(run.err().contains("no user 'no-such-user-jinban'"), run.err());
            assertTrue(hub.store().kiosks().isEmpty(), "refused before the code was spent");
        } else {
            assertEquals(0, run.exit(), run.all());
            assertTrue(run.out().contains("Note: not running as root"), run.out());
        }
    }

    @Test
    void overWssOnlyThePinnedCertificateIsTrusted(@TempDir Path tls) throws Exception {
        String password = "test-only-store";
        Path keyStore = tls.resolve("hub.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, said);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        String pin = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(store.getCertificate("hub").getEncoded()));
        String wrong = pin.substring(0, 63) + (pin.charAt(63) == '0' ? '1' : '0');
        Path passwordFile = Files.writeString(tls.resolve("password"), password + "\n");
        HubStore hubStore = HubStore.open(Files.createDirectory(tls.resolve("hub")), Clock.systemUTC());
        HubServer server = HubServer.start(new HubConfig(0, tls.resolve("hub"), 5, 100), hubStore,
                new TlsConfig(keyStore, passwordFile));
        try {
            String wss = server.syncUri().toString();
            assertTrue(wss.startsWith("wss://"), wss);
            String code = tlsCode(server, pin);

            Cli.Run refused = enroll(config, "--hub", wss, "--code", code, "--pin-sha256", wrong);
            assertEquals(ProvisionMain.EXIT_UNREACHABLE, refused.exit(), refused.all());
            assertTrue(refused.err().contains("not the pinned one") && refused.err().contains("pin"), refused.err());
            Cli.Run unpinned = enroll(config, "--hub", wss, "--code", code);
            assertEquals(ProvisionMain.EXIT_UNREACHABLE, unpinned.exit(), "a self-signed hub is not trusted by the"
                    + " system's CAs: " + unpinned.all());
            assertFalse(Files.exists(etc.resolve("enrollment.yaml")));
            assertTrue(hubStore.kiosks().isEmpty(), "the code was not spent");

            Cli.Run pinned = enroll(config, "--hub", wss, "--code", code, "--pin-sha256", colons(pin.toUpperCase()));
            assertEquals(ProvisionMain.EXIT_OK, pinned.exit(), pinned.all());
            assertTrue(hubStore.kiosk("K-TLS-1").isPresent());
            assertTrue(Files.readString(etc.resolve("enrollment.yaml")).contains("pin-sha256: \"" + pin + "\""),
                    "the sync client pins the same certificate");
            Cli.Run badPin = enroll(config, "--hub", wss, "--code", code, "--pin-sha256", "abc", "--force");
            assertEquals(ProvisionMain.EXIT_USAGE, badPin.exit());
            assertTrue(badPin.err().contains("--pin-sha256"), badPin.err());
        } finally {
            server.close();
            hubStore.close();
        }
    }

    /** Issues a code at a TLS hub, trusting its certificate by the same pin. */
    private static String tlsCode(HubServer server, String pin) throws Exception {
        String body = "{\"kioskId\":\"K-TLS-1\",\"stationName\":\"东城社区便民服务站\",\"address\":\"寿光市东城街道建新街1号\",\"gridCode\":\"370783001001\"}";
        try (HttpClient http = HttpClient.newBuilder().sslContext(PinnedTrustManager.sslContext(pin)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.adminUri() + "/enrollment-codes"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, r.statusCode(), r.body());
            return new ObjectMapper().readTree(r.body()).get("code").asText();
        }
    }

    private static String colons(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            b.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return b.toString();
    }
}
