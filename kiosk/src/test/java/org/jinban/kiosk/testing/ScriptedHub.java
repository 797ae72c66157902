package org.jinban.kiosk.testing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jinban.sync.protocol.Ack;
import org.jinban.sync.protocol.Codec;
import org.jinban.sync.protocol.Heartbeat;
import org.jinban.sync.protocol.Hello;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.Push;
import org.jinban.sync.protocol.Welcome;

/**
 * A hub on a loopback port that a test scripts frame by frame, to see how a real kiosk takes
 * what the reference hub never sends: it welcomes every {@code hello}, acks every {@code push},
 * answers heartbeats, and otherwise sends only what the test tells it to, raw if need be. It
 * records what the kiosk sent and the close codes of the kiosk's connections.
 */
public final class ScriptedHub implements AutoCloseable {
    private final Codec codec = new Codec();
    private final Server server = new Server();
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final List<Push.Record> pushed = new CopyOnWriteArrayList<>();
    private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Session session;

    public ScriptedHub() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            // what the hub sends is the test's business; what the kiosk sends stays small
            container.setMaxTextMessageSize(Codec.MAX_FRAME_BYTES);
            container.addMapping("/sync/v1", (request, response, callback) -> new Side());
        }));
        server.start();
    }

    public URI uri() {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("ws://127.0.0.1:" + port + "/sync/v1");
    }

    public void send(Message message) {
        sendRaw(codec.encode(message));
    }

    public void sendRaw(String frame) {
        current().sendText(frame, Callback.NOOP);
    }

    public void sendBinary(byte[] bytes) {
        current().sendBinary(ByteBuffer.wrap(bytes), Callback.NOOP);
    }

    public <T extends Message> Stream<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast);
    }

    public List<Push.Record> pushed() {
        return List.copyOf(pushed);
    }

    /** The close codes of the connections that ended, as the hub saw them. */
    public List<Integer> closeCodes() {
        return List.copyOf(closeCodes);
    }

    public int connections() {
        return connections.get();
    }

    /** Whether a connection is open and the kiosk said hello on it. */
    public boolean connected() {
        Session s = session;
        return s != null && s.isOpen();
    }

    private Session current() {
        Session s = session;
        if (s == null || !s.isOpen()) {
            throw new IllegalStateException("no kiosk connected");
        }
        return s;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** One kiosk connection; public because Jetty calls listeners through method handles. */
    public final class Side implements Session.Listener.AutoDemanding {
        private Session mine;

        @Override
        public void onWebSocketOpen(Session s) {
            mine = s;
            connections.incrementAndGet();
        }

        @Override
        public void onWebSocketText(String frame) {
            Message m = codec.decode(frame);
            received.add(m);
            switch (m) {
                case Hello h -> {
                    mine.sendText(codec.encode(new Welcome(Message.newId(), h.kioskId(), 15, 100, List.of())),
                            Callback.NOOP);
                    session = mine;
                }
                case Push p -> {
                    pushed.addAll(p.records());
                    List<UUID> ids = p.records().stream().map(Push.Record::id).toList();
                    mine.sendText(codec.encode(new Ack(Message.newId(), ids, List.of())), Callback.NOOP);
                }
                case Heartbeat h -> mine.sendText(codec.encode(Heartbeat.empty()), Callback.NOOP);
                default -> { }
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closeCodes.add(statusCode);
        }
    }
}
