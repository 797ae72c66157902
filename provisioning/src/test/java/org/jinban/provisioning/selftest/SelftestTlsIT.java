package org.jinban.provisioning.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.jinban.provisioning.ProvisionMain;
import org.jinban.sync.hub.HubConfig;
import org.jinban.sync.hub.HubServer;
import org.jinban.sync.hub.HubStore;
import org.jinban.sync.hub.TlsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub and clock checks over wss:// with the certificate pin the kiosk is configured with
 * ({@code sync.pin-sha256}): the pinned certificate is welcomed, another pin is a TLS failure.
 */
@Timeout(60)
class SelftestTlsIT {
    private static final String PASSWORD = "selftest-tls";
    private static final String KIOSK_ID = "K-370783001001-02";

    @TempDir
    static Path dir;
    private static HubStore store;
    private static HubServer hub;
    private static String credential;
    private static String pin;

    @BeforeAll
    static void start() throws Exception {
        Path keyStore = dir.resolve("hub.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "hub", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(50, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool: " + output);
        Path passwordFile = dir.resolve("tls.password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        pin = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ks.getCertificate("hub").getEncoded()));
        Path data = dir.resolve("hub");
        store = HubStore.open(data, Clock.systemUTC());
        hub = HubServer.start(new HubConfig(0, data, 15, 100), store, new TlsConfig(keyStore, passwordFile));
        credential = store.enroll(KIOSK_ID).orElseThrow();
    }

    @AfterAll
    static void stop() {
        hub.close();
        store.close();
    }

    @Test
    void thePinnedHubIsWelcomedAndItsClockRead() throws Exception {
        String out = run("pinned", pin, 0);
        assertTrue(out.matches("(?s).*hub\\s+PASS\\s+welcome as " + KIOSK_ID + ".*"), out);
        assertTrue(out.matches("(?s).*clock\\s+PASS\\s+this clock is .*"), out);
    }

    @Test
    void aHubWithAnotherCertificateFailsOnTls() throws Exception {
        String out = run("other-pin", "ab".repeat(32), 1);
        assertTrue(out.matches("(?s).*hub\\s+FAIL\\s+TLS with 127\\.0\\.0\\.1:\\d+ failed: .*"), out);
    }

    private static String run(String name, String pinHex, int expectedCode) throws Exception {
        Path etc = Files.createDirectories(dir.resolve(name));
        Path config = etc.resolve("kiosk.yaml");
        Files.writeString(config, """
                kiosk:
                  data-dir: %s
                devices:
                  simulate: true
                sync:
                  hub-url: %s
                  kiosk-id: %s
                  credential-file: %s
                  pin-sha256: "%s"
                """.formatted(etc.resolve("data"), hub.syncUri(), KIOSK_ID,
                Files.writeString(etc.resolve("credential"), credential), pinHex));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ProvisionMain.run(new PrintWriter(out), new PrintWriter(err), "selftest", "--config", config.toString(),
                "--simulate-operator", "--only", "hub,clock", "--hub-timeout", "PT5S");
        assertEquals(expectedCode, code, out + "\n" + err);
        return out.toString();
    }
}
