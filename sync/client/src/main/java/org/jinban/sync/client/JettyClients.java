package org.jinban.sync.client;

import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.jinban.sync.protocol.Codec;

/** Builds the Jetty WebSocket client the way the protocol wants it: frame limit, TLS pin. */
final class JettyClients {

    /** Liveness is the heartbeats' job; Jetty's own idle timeout only catches what they miss. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    /**
     * The whole upgrade, connect included. Heartbeats start only once the socket is open, so a
     * link that takes the connection but never answers would otherwise hold the attempt until
     * the idle timeout.
     */
    static final long UPGRADE_TIMEOUT_MS = 15_000;

    private JettyClients() {
    }

    static WebSocketClient create(SyncConfig config) {
        if (config.pinSha256() != null && !"wss".equalsIgnoreCase(config.hubUrl().getScheme())) {
            // a pin on a plain connection would protect nothing while looking as if it did
            throw new SyncException("sync.pin-sha256 is set but sync.hub-url is not wss:// (" + config.hubUrl()
                    + "): a pinned certificate needs TLS");
        }
        HttpClient http = new HttpClient();
        http.setConnectTimeout(CONNECT_TIMEOUT_MS);
        if (config.pinSha256() != null) {
            http.setSslContextFactory(pinned(config.pinSha256()));
        }
        WebSocketClient client = new WebSocketClient(http);
        client.setMaxTextMessageSize(Codec.MAX_FRAME_BYTES);
        // as large as a text frame, so that any binary frame is refused 1003 rather than 1009
        client.setMaxBinaryMessageSize(Codec.MAX_FRAME_BYTES);
        client.setIdleTimeout(IDLE_TIMEOUT);
        client.setConnectTimeout(CONNECT_TIMEOUT_MS);
        client.setStopAtShutdown(false);
        return client;
    }

    private static SslContextFactory.Client pinned(String pinHex) {
        SSLContext context;
        try {
            context = PinnedTrustManager.sslContext(pinHex);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SyncException("sync.pin-sha256: cannot set up TLS with the pin", e);
        }
        SslContextFactory.Client factory = new SslContextFactory.Client();
        factory.setSslContext(context);
        // the pin names the exact certificate, which is stronger than a host name check
        // and works for a hub reached by IP address
        factory.setEndpointIdentificationAlgorithm(null);
        return factory;
    }
}
