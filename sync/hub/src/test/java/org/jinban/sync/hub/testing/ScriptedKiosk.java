package org.jinban.sync.hub.testing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.jinban.sync.protocol.Codec;
import org.jinban.sync.protocol.Heartbeat;
import org.jinban.sync.protocol.Hello;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.Welcome;

/**
 * A kiosk driven line by line by a test: sends what it is told (valid messages, raw text,
 * binary), and hands over what the hub sent, skipping the hub's heartbeats unless asked.
 */
public final class ScriptedKiosk implements Session.Listener.AutoDemanding, AutoCloseable {
    private static final Codec CODEC = new Codec();
    private final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile Session session;
    private volatile int heartbeatsSeen;

    public static ScriptedKiosk connect(WebSocketClient client, URI uri) throws Exception {
        ScriptedKiosk kiosk = new ScriptedKiosk();
        kiosk.session = client.connect(kiosk, uri).get(5, TimeUnit.SECONDS);
        return kiosk;
    }

    /** Connects and says hello; returns once welcomed. */
    public static ScriptedKiosk welcomed(WebSocketClient client, URI uri, String kioskId, String credential,
                                         Map<String, Long> cursors) throws Exception {
        ScriptedKiosk kiosk = connect(client, uri);
        kiosk.send(new Hello(Message.newId(), kioskId, credential, List.of(1), cursors));
        kiosk.next(Welcome.class);
        return kiosk;
    }

    @Override
    public void onWebSocketText(String frame) {
        Message m = CODEC.decode(frame);
        if (m instanceof Heartbeat) {
            heartbeatsSeen++;
            return;
        }
        received.add(m);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        callback.succeed();
        closed.complete(statusCode);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed.complete(-1);
    }

    public void send(Message m) {
        sendRaw(CODEC.encode(m));
    }

    public void sendRaw(String text) {
        session.sendText(text, Callback.NOOP);
    }

    public void sendBinary(byte[] bytes) {
        session.sendBinary(ByteBuffer.wrap(bytes), Callback.NOOP);
    }

    /** The next non-heartbeat message, or a failure after 5 s. */
    public Message next() throws InterruptedException {
        Message m = received.poll(5, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("the hub sent nothing within 5 s");
        }
        return m;
    }

    public <T extends Message> T next(Class<T> type) throws InterruptedException {
        Message m = next();
        if (!type.isInstance(m)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + m);
        }
        return type.cast(m);
    }

    /** Whatever arrives within {@code wait}, or null. */
    public Message poll(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a heartbeat every {@code period} until the connection closes, as a live kiosk does. */
    public ScriptedKiosk keepAlive(Duration period) {
        Thread.ofVirtual().start(() -> {
            try {
                while (session.isOpen()) {
                    send(new Heartbeat(Message.newId(), 0L, 0L));
                    Thread.sleep(period);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return this;
    }

    public int heartbeatsSeen() {
        return heartbeatsSeen;
    }

    /** The close code the hub closed with. */
    public int closeCode(Duration wait) throws Exception {
        return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() {
        if (session != null && session.isOpen()) {
            session.close(1000, "done", Callback.NOOP);
        }
    }
}
