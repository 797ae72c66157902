package org.jinban.kiosk.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

import org.jinban.sync.hub.HubConfig;
import org.jinban.sync.hub.HubServer;
import org.jinban.sync.hub.HubStore;

/**
 * The reference hub in the test's process, stopped and started again on the same port and data
 * directory as a restarted central platform would be: server and store both closed, the store
 * opened afresh from its file.
 */
public final class RestartableHub implements AutoCloseable {
    private final HubConfig config;
    private HubStore store;
    private HubServer server;
    private int restarts;

    private RestartableHub(HubConfig config, HubStore store, HubServer server) {
        this.config = config;
        this.store = store;
        this.server = server;
    }

    /** A hub on a free loopback port; restarts keep that port. */
    public static RestartableHub start(Path dataDir, int heartbeatSeconds) {
        HubStore store = HubStore.open(dataDir, Clock.systemUTC());
        HubServer server = HubServer.start(new HubConfig(0, dataDir, heartbeatSeconds, HubConfig.DEFAULT_MAX_BATCH),
                store);
        return new RestartableHub(new HubConfig(server.port(), dataDir, heartbeatSeconds,
                HubConfig.DEFAULT_MAX_BATCH), store, server);
    }

    public int port() {
        return config.port();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** The admin API's URI for {@code path} (e.g. {@code /appeals}). */
    public URI admin(String path) {
        return URI.create("http://127.0.0.1:" + port() + "/admin/v1" + path);
    }

    /** Enrolls a kiosk and returns its credential. */
    public synchronized String enroll(String kioskId) {
        return running().enroll(kioskId).orElseThrow(() -> new IllegalStateException(kioskId + " is enrolled already"));
    }

    /** The store of the running hub. */
    public synchronized HubStore running() {
        if (store == null) {
            throw new IllegalStateException("the hub is stopped");
        }
        return store;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
                store.close();
                store = null;
            }
        }
    }

    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("the hub runs already");
        }
        store = HubStore.open(config.dataDir(), Clock.systemUTC());
        try {
            server = HubServer.start(config, store);
        } catch (RuntimeException e) {
            store.close();
            store = null;
            throw e;
        }
        restarts++;
    }

    public synchronized int restarts() {
        return restarts;
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
