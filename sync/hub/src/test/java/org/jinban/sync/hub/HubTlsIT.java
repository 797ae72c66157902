package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.jinban.sync.hub.testing.ScriptedKiosk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub over TLS with a self-signed certificate made at test time by the running JDK's
 * keytool: a kiosk that trusts that certificate completes hello/welcome over wss://, one that
 * does not is refused in the TLS handshake.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HubTlsIT {
    private static final String PASSWORD = "tls-test-password";

    @TempDir
    Path dir;
    private Path keyStore;
    private Path passwordFile;
    private HubStore store;
    private HubServer hub;

    @BeforeEach
    void start() throws Exception {
        keyStore = dir.resolve("hub.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "hub", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool: " + output);
        passwordFile = dir.resolve("tls.password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        Path data = dir.resolve("hub");
        store = HubStore.open(data, Clock.systemUTC());
        hub = HubServer.start(new HubConfig(0, data, 5, 100), store, new TlsConfig(keyStore, passwordFile));
    }

    @AfterEach
    void stop() {
        hub.close();
        store.close();
    }

    private KeyStore trusting() throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            server.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = server.getCertificate("hub");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("hub", certificate);
        return trust;
    }

    @Test
    void aKioskTrustingTheCertificateIsWelcomedOverWss() throws Exception {
        assertEquals("wss", hub.syncUri().getScheme());
        String credential = store.enroll("K-1").orElseThrow();
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setTrustStore(trusting());
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        WebSocketClient client = new WebSocketClient(
                new org.eclipse.jetty.client.HttpClient(new HttpClientTransportOverHTTP(connector)));
        client.start();
        try (ScriptedKiosk k = ScriptedKiosk.welcomed(client, hub.syncUri(), "K-1", credential, Map.of())) {
            assertTrue(k.isOpen());
        } finally {
            client.stop();
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusting());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (HttpClient http = HttpClient.newBuilder().sslContext(context).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.adminUri() + "/kiosks")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), "the admin API is on TLS too");
            assertTrue(r.body().contains("K-1"), r.body());
        }
    }

    @Test
    void aKioskThatDoesNotTrustItIsRefusedInTheHandshake() throws Exception {
        String credential = store.enroll("K-1").orElseThrow();
        WebSocketClient client = new WebSocketClient(); // the JDK's default trust: no self-signed hub
        client.start();
        try {
            Exception e = assertThrows(Exception.class,
                    () -> ScriptedKiosk.welcomed(client, hub.syncUri(), "K-1", credential, Map.of()));
            assertTrue(causes(e).stream().anyMatch(SSLHandshakeException.class::isInstance), String.valueOf(causes(e)));
            assertThrows(Exception.class, () -> ScriptedKiosk.welcomed(client,
                    URI.create(hub.syncUri().toString().replace("wss://", "ws://")), "K-1", credential, Map.of()),
                    "plain ws:// to the TLS port is no connection either");
        } finally {
            client.stop();
        }
    }

    @Test
    void aWrongPasswordIsAClearErrorAtStart() throws Exception {
        Files.writeString(passwordFile, "not-it");
        HubException e = assertThrows(HubException.class, () -> HubServer.start(
                new HubConfig(0, dir.resolve("other"), 5, 100), store, new TlsConfig(keyStore, passwordFile)));
        assertTrue(e.getMessage().contains("cannot open the TLS key store") && e.getMessage().contains("tls.password"),
                e.getMessage());
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> out = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
            out.add(c);
        }
        return out;
    }
}
