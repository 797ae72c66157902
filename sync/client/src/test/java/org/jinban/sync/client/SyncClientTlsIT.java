package org.jinban.sync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss://} to a hub whose self-signed certificate is made for this test: the pin of that
 * certificate is enough to trust it; another pin, or no pin at all, is refused before any
 * frame is sent, and the status says why.
 */
@Timeout(60)
class SyncClientTlsIT {
    private static final String PASSWORD = "test-only-store";

    @TempDir
    static Path dir;
    private static Path keyStore;
    private static String pin;

    private FakeHub hub;
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryStreams streams = new InMemoryStreams();
    private SyncClient client;

    /** A self-signed EC certificate for 127.0.0.1, made by the running JDK's keytool, and its SHA-256. */
    @BeforeAll
    static void certificate() throws Exception {
        keyStore = dir.resolve("hub.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "hub", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "keytool ended");
        assertEquals(0, p.exitValue(), said);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = store.getCertificate("hub");
        pin = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private void start(String pinSha256) throws Exception {
        hub = new FakeHub(keyStore, PASSWORD);
        assertEquals("wss", hub.uri().getScheme());
        SyncConfig config = new SyncConfig(hub.uri(), "K-370783001001-01", "enrolled-secret", Duration.ofMillis(300),
                100, pinSha256);
        client = new SyncClient(config, outbox, streams, Clock.systemUTC(), RandomGenerator.getDefault(),
                Duration.ofMillis(50));
        client.start();
    }

    @Test
    void thePinnedCertificateIsTrustedAndTheKioskSyncs() throws Exception {
        String id = outbox.add("appeal.filed");
        // colons and capitals, as a technician may copy it from a certificate viewer
        start(colons(pin.toUpperCase()));
        await(() -> client.status().connected());
        await(() -> outbox.ackedIds().contains(id));
        assertEquals(List.of(id), hub.pushedIds);
        assertEquals(null, client.status().lastError());
    }

    @Test
    void anotherPinIsRefusedAndTheStatusSaysWhy() throws Exception {
        String id = outbox.add("appeal.filed");
        String wrong = pin.substring(0, 63) + (pin.charAt(63) == '0' ? '1' : '0');
        start(wrong);
        await(() -> client.status().lastError() != null && client.reconnects() >= 2);
        String error = client.status().lastError();
        assertTrue(error.contains("not the pinned one") && error.contains(pin), error);
        assertRefused(id);
    }

    @Test
    void withoutAPinAnUntrustedCertificateIsRefused() throws Exception {
        String id = outbox.add("appeal.filed");
        start(null);
        await(() -> client.status().lastError() != null && client.reconnects() >= 2);
        String error = client.status().lastError();
        assertTrue(error.contains("PKIX") || error.toLowerCase().contains("certificat"), error);
        assertRefused(id);
    }

    @Test
    void aPinOnAPlainConnectionIsRefusedAtStart() {
        SyncConfig config = new SyncConfig(java.net.URI.create("ws://127.0.0.1:9/sync/v1"), "K-370783001001-01",
                "enrolled-secret", Duration.ofSeconds(1), 100, pin);
        SyncException e = assertThrows(SyncException.class, () -> new SyncClient(config, outbox, streams));
        assertTrue(e.getMessage().contains("sync.pin-sha256") && e.getMessage().contains("wss://"), e.getMessage());
    }

    /** No frame went to the hub, nothing was sent or acked, the client is not connected. */
    private void assertRefused(String id) {
        assertFalse(client.status().connected());
        assertTrue(hub.received.isEmpty(), "no frame reached the hub: " + hub.received);
        assertEquals(0, hub.connections.get());
        assertFalse(outbox.ackedIds().contains(id));
        assertEquals(1, outbox.pendingCount());
    }

    private static String colons(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            b.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return b.toString();
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
