package org.jinban.sync.hub;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jinban.sync.protocol.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's Jetty 12 server on 127.0.0.1: kiosks' WebSockets at {@code /sync/v1}, the admin
 * API at {@code /admin/v1}, enrollment by code at {@code /enroll/v1}; over TLS when given a
 * {@link TlsConfig}. Jetty refuses a text message over 256 KiB itself (close 1009);
 * everything else about a connection is {@link KioskSession}'s.
 */
public final class HubServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubServer.class);
    public static final String SYNC_PATH = "/sync/v1";
    /** Wrong enrollment codes the hub takes per minute before it answers every redemption 429. */
    static final int ENROLL_FAILURES_PER_MINUTE = 10;

    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final EnrollmentStore enrollment;
    private final boolean tls;

    private HubServer(Server server, ServerConnector connector, ScheduledExecutorService timer, ExecutorService workers,
                      EnrollmentStore enrollment, boolean tls) {
        this.server = server;
        this.connector = connector;
        this.timer = timer;
        this.workers = workers;
        this.enrollment = enrollment;
        this.tls = tls;
    }

    /** Starts the hub on {@code config}'s port (0: any free one) over {@code store}, without TLS. */
    public static HubServer start(HubConfig config, HubStore store) {
        return start(config, store, null);
    }

    /**
     * Starts the hub over {@code store}, with TLS if {@code tls} is given. {@code config}'s data
     * directory must be the store's: the hub's signing key is made there on first start, and
     * enrollment codes share its database.
     */
    public static HubServer start(HubConfig config, HubStore store, TlsConfig tls) {
        SslContextFactory.Server ssl = tls == null ? null : tls.sslContextFactory();
        HubKey key = HubKey.loadOrCreate(config.dataDir());
        EnrollmentStore enrollment = EnrollmentStore.open(config.dataDir(), Clock.systemUTC());
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("hub-heartbeat").daemon().factory());
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("hub-http");
        // Handlers that block (the admin API's SQLite) run on virtual threads, not Jetty's own.
        threads.setVirtualThreadsExecutor(workers);
        Server server = new Server(threads);
        ServerConnector connector = ssl == null ? new ServerConnector(server) : new ServerConnector(server, ssl);
        connector.setHost(HubConfig.HOST);
        connector.setPort(config.port());
        server.addConnector(connector);

        Codec codec = new Codec();
        ConnectedKiosks connected = new ConnectedKiosks();
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler sync = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setMaxTextMessageSize(Codec.MAX_FRAME_BYTES);
            // As large as a text frame, so that any binary frame is refused 1003 rather than 1009.
            container.setMaxBinaryMessageSize(Codec.MAX_FRAME_BYTES);
            // Liveness is the protocol's (three heartbeat periods); Jetty's own timeout is a backstop.
            container.setIdleTimeout(Duration.ofSeconds(config.heartbeatSeconds() * 10L));
            container.addMapping(SYNC_PATH, (request, response, callback) ->
                    new KioskSession(store, codec, config, connected, timer, workers));
        });
        JsonExchange http = new JsonExchange(new ObjectMapper());
        AttemptLimiter enrollFailures = new AttemptLimiter(ENROLL_FAILURES_PER_MINUTE, Duration.ofMinutes(1), System::nanoTime);
        sync.setHandler(new Handler.Sequence(
                new CommandHandler(http, store, connected, key, Clock.systemUTC()),
                new EnrollmentHandler(http, enrollment, key, enrollFailures),
                new AdminHandler(store, connected)));
        context.setHandler(sync);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            timer.shutdownNow();
            workers.shutdownNow();
            enrollment.close();
            throw new HubException("cannot start the hub on port " + config.port() + ": " + e.getMessage(), e);
        }
        HubServer hub = new HubServer(server, connector, timer, workers, enrollment, tls != null);
        LOG.info("hub listening on {} (sync {}, admin {})", hub.port(), hub.syncUri(), hub.adminUri());
        return hub;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI syncUri() {
        return URI.create((tls ? "wss://" : "ws://") + HubConfig.HOST + ":" + port() + SYNC_PATH);
    }

    public URI adminUri() {
        return URI.create((tls ? "https://" : "http://") + HubConfig.HOST + ":" + port() + AdminHandler.PREFIX);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new HubException("cannot stop the hub", e);
        } finally {
            timer.shutdownNow();
            workers.shutdownNow();
            enrollment.close();
        }
    }
}
