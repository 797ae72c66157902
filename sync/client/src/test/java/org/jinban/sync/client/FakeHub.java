package org.jinban.sync.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jinban.sync.protocol.Ack;
import org.jinban.sync.protocol.Codec;
import org.jinban.sync.protocol.ErrorCode;
import org.jinban.sync.protocol.ErrorMessage;
import org.jinban.sync.protocol.Heartbeat;
import org.jinban.sync.protocol.Hello;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.Push;
import org.jinban.sync.protocol.Welcome;

/**
 * A scripted stand-in for the hub on a loopback port: answers {@code hello} and {@code push} as the
 * contract says unless told to misbehave, and records every frame it got. Not the reference hub
 * (sync/hub), so the client's tests do not depend on it.
 */
public final class FakeHub implements AutoCloseable {

    final Codec codec = new Codec();
    final List<Message> received = new CopyOnWriteArrayList<>();
    final List<String> pushedIds = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    /** The close codes of the connections that ended, as the hub saw them. */
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

    volatile int heartbeatSeconds = 15;
    volatile int maxBatch = 100;
    volatile List<String> resync = List.of();
    volatile Set<String> reject = Set.of();
    volatile boolean unauthorized;
    /** After the welcome, say nothing at all. */
    volatile boolean silent;
    /** Drop the connection instead of acking this many pushes. */
    final AtomicInteger dropOnPush = new AtomicInteger();
    /** On a connection, hold the pushes until this many are in, then answer them in order (0: at once). */
    volatile int answerAfter;
    /** When the held pushes are answered, answer only this many, then drop the connection (-1: all). */
    volatile int dropAfterHeldAcks = -1;
    /** The most pushes that were held unanswered at once. */
    final AtomicInteger largestHeld = new AtomicInteger();

    private final Server server = new Server();
    private final boolean tls;
    private volatile Session session;

    FakeHub() throws Exception {
        this(null, null);
    }

    /** A hub on {@code wss://} with the key and certificate of {@code keyStore} (PKCS#12); null: {@code ws://}. */
    FakeHub(Path keyStore, String password) throws Exception {
        tls = keyStore != null;
        ServerConnector connector;
        if (tls) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(keyStore.toString());
            ssl.setKeyStorePassword(password);
            ssl.setKeyStoreType("PKCS12");
            connector = new ServerConnector(server, ssl);
        } else {
            connector = new ServerConnector(server);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container ->
                container.addMapping("/sync/v1", (request, response, callback) -> new Side())));
        server.start();
    }

    URI uri() {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port + "/sync/v1");
    }

    void send(Message message) {
        session.sendText(codec.encode(message), Callback.NOOP);
    }

    void sendRaw(String frame) {
        session.sendText(frame, Callback.NOOP);
    }

    void sendBinary(byte[] bytes) {
        session.sendBinary(java.nio.ByteBuffer.wrap(bytes), Callback.NOOP);
    }

    <T extends Message> Stream<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast);
    }

    boolean connected() {
        Session s = session;
        return s != null && s.isOpen();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** One kiosk connection; public because Jetty calls listeners through method handles. */
    public final class Side implements Session.Listener.AutoDemanding {
        private Session mine;
        private final List<Push> held = new java.util.ArrayList<>();
        private boolean released;

        @Override
        public void onWebSocketOpen(Session s) {
            mine = s;
            session = s;
            connections.incrementAndGet();
        }

        @Override
        public void onWebSocketText(String frame) {
            Message m = codec.decode(frame);
            received.add(m);
            switch (m) {
                case Hello h -> hello(h);
                case Push p -> push(p);
                case Heartbeat h -> {
                    if (!silent) {
                        mine.sendText(codec.encode(Heartbeat.empty()), Callback.NOOP);
                    }
                }
                default -> { }
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closeCodes.add(statusCode);
        }

        private void hello(Hello h) {
            if (unauthorized) {
                mine.sendText(codec.encode(ErrorMessage.of(ErrorCode.UNAUTHORIZED, "unknown credential", h.id())),
                        Callback.from(() -> mine.close(4001, "unauthorized", Callback.NOOP), t -> { }));
                return;
            }
            mine.sendText(codec.encode(new Welcome(Message.newId(), h.kioskId(), heartbeatSeconds, maxBatch, resync)),
                    Callback.NOOP);
        }

        private void push(Push p) {
            p.records().forEach(r -> pushedIds.add(r.id().toString()));
            if (dropOnPush.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                mine.disconnect();
                return;
            }
            if (silent) {
                return;
            }
            if (answerAfter > 0 && !released) {
                held.add(p);
                largestHeld.accumulateAndGet(held.size(), Math::max);
                if (held.size() < answerAfter) {
                    return;
                }
                released = true;
                int answer = dropAfterHeldAcks >= 0 ? Math.min(dropAfterHeldAcks, held.size()) : held.size();
                if (answer == held.size()) {
                    held.forEach(h -> ack(h, Callback.NOOP));
                    return;
                }
                answerAfter = 0;
                dropAfterHeldAcks = -1;
                for (int i = 0; i < answer - 1; i++) {
                    ack(held.get(i), Callback.NOOP);
                }
                if (answer == 0) {
                    mine.disconnect();
                } else {
                    ack(held.get(answer - 1), Callback.from(mine::disconnect, t -> mine.disconnect()));
                }
                return;
            }
            ack(p, Callback.NOOP);
        }

        private void ack(Push p, Callback then) {
            List<UUID> ok = p.records().stream().map(Push.Record::id).filter(id -> !reject.contains(id.toString()))
                    .toList();
            List<Ack.Rejected> refused = p.records().stream().filter(r -> reject.contains(r.id().toString()))
                    .map(r -> new Ack.Rejected(r.id(), "invalid record")).toList();
            mine.sendText(codec.encode(new Ack(Message.newId(), ok, refused)), then);
        }
    }
}
