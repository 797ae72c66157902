package org.jinban.bench;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jinban.sync.client.SendQueue;
import org.jinban.sync.protocol.Ack;
import org.jinban.sync.protocol.Codec;
import org.jinban.sync.protocol.Cursor;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.ErrorMessage;
import org.jinban.sync.protocol.Heartbeat;
import org.jinban.sync.protocol.Hello;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.Push;
import org.jinban.sync.protocol.Streams;
import org.jinban.sync.protocol.Welcome;

/**
 * One simulated kiosk on its own WebSocket: it says hello with its cursors, heartbeats when
 * told to, pushes {@code appeal.filed} records and waits for their ack, and applies every
 * {@code deliver} in sequence order and answers it with its cursor, as docs/sync-protocol.md
 * has a kiosk do, with no store behind it. The moment it has sent the cursor for an
 * {@code appeal.status} item is handed to {@link Fleet.Tally#applied}. Public only because Jetty
 * invokes a WebSocket endpoint through method handles.
 */
public final class SimulatedKiosk implements Session.Listener.AutoDemanding {
    private static final Codec CODEC = new Codec();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A kiosk has at most a hello, a push, a cursor and a heartbeat or two waiting. */
    private static final int SEND_CAPACITY = 64;

    final String kioskId;
    private final String credential;
    private final Fleet.Tally tally;
    private final CompletableFuture<Welcome> welcomed = new CompletableFuture<>();
    /** Last applied seq per stream; only touched on Jetty's thread for this session, in order. */
    private final Map<String, Long> cursors = new HashMap<>();
    private final Map<UUID, CompletableFuture<Ack>> awaitingAck = new ConcurrentHashMap<>();
    private volatile Session session;
    private volatile SendQueue out;
    private volatile boolean closing;

    SimulatedKiosk(String kioskId, String credential, Fleet.Tally tally) {
        this.kioskId = kioskId;
        this.credential = credential;
        this.tally = tally;
    }

    /** Completes with the hub's welcome, or exceptionally if the connection ends first. */
    CompletableFuture<Welcome> welcomed() {
        return welcomed;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.out = new SendQueue((frame, done) -> session.sendText(frame, Callback.from(done::succeeded, done::failed)),
                SEND_CAPACITY, failure -> tally.sendFailures.increment());
        send(new Hello(Message.newId(), kioskId, credential, List.of(Codec.VERSION), Map.of()));
    }

    @Override
    public void onWebSocketText(String frame) {
        Message m = CODEC.decode(frame);
        switch (m) {
            case Welcome w -> welcomed.complete(w);
            case Ack a -> acked(a);
            case Deliver d -> deliver(d);
            case Heartbeat h -> tally.hubHeartbeats.increment();
            case ErrorMessage e -> tally.error(kioskId + ": " + e.code() + " " + e.reason());
            default -> tally.error(kioskId + ": unexpected " + m.type().wireName());
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        tally.error(kioskId + ": a binary frame");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        callback.succeed();
        if (!closing) {
            tally.disconnect(kioskId + ": closed " + statusCode + " " + reason);
        }
        ended(new IllegalStateException("closed " + statusCode + " " + reason));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (!closing) {
            tally.disconnect(kioskId + ": " + cause);
        }
        ended(cause);
    }

    private void ended(Throwable why) {
        welcomed.completeExceptionally(why);
        awaitingAck.values().forEach(f -> f.completeExceptionally(why));
    }

    /** Sends the kiosk's heartbeat with an empty outbox, as a kiosk whose pushes were all acked. */
    void heartbeat() {
        if (!closing && welcomed.isDone() && send(new Heartbeat(Message.newId(), 0L, 0L))) {
            tally.heartbeats.increment();
        }
    }

    /** Pushes one {@code appeal.filed} record; completes when the hub acks (or rejects) it. */
    CompletableFuture<Ack> file(String trackingNo) {
        Push.Record record = appealFiled(trackingNo);
        CompletableFuture<Ack> ack = new CompletableFuture<>();
        awaitingAck.put(record.id(), ack);
        if (!send(new Push(Message.newId(), List.of(record)))) {
            ack.completeExceptionally(new IllegalStateException(kioskId + ": the connection is gone"));
        }
        tally.pushes.increment();
        return ack;
    }

    private void acked(Ack a) {
        a.ids().forEach(id -> complete(id, a));
        a.rejected().forEach(r -> {
            tally.error(kioskId + ": record rejected: " + r.reason());
            complete(r.id(), a);
        });
    }

    private void complete(UUID recordId, Ack a) {
        CompletableFuture<Ack> f = awaitingAck.remove(recordId);
        if (f != null) {
            f.complete(a);
        }
    }

    /** Applies the items that follow the cursor, answers the cursor, then notes when it did. */
    private void deliver(Deliver d) {
        long cursor = cursors.getOrDefault(d.stream(), 0L);
        List<String> applied = new java.util.ArrayList<>();
        for (Deliver.Item item : d.items()) {
            if (item.seq() != cursor + 1) {
                tally.error(kioskId + ": " + d.stream() + " item " + item.seq() + " out of order after " + cursor);
                continue;
            }
            cursor = item.seq();
            if (Streams.KIND_APPEAL_STATUS.equals(item.kind())) {
                applied.add(item.body().path("trackingNo").asText());
            }
        }
        cursors.put(d.stream(), cursor);
        send(new Cursor(Message.newId(), d.stream(), cursor));
        tally.cursors.increment();
        long now = System.nanoTime();
        applied.forEach(trackingNo -> tally.applied(trackingNo, now));
    }

    /** Closes the connection normally; the hub sees the kiosk leave. */
    void close() {
        closing = true;
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(1000, "fleet bench done", Callback.NOOP);
        }
    }

    private boolean send(Message m) {
        SendQueue q = out;
        return q != null && q.offer(CODEC.encode(m));
    }

    /** An appeal as a kiosk files it; the personal part is made up and says so. */
    private static Push.Record appealFiled(String trackingNo) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        ObjectNode payload = NODES.objectNode()
                .put("id", id).put("trackingNo", trackingNo).put("category", "URBAN-STREETLIGHT")
                .put("gridCode", "370783001001").put("filedAt", now.toString())
                .put("dueAt", now.plusSeconds(7 * 86_400).toString()).put("verifierHash", "fleet-bench")
                .put("identified", false).put("lang", "zh-CN");
        payload.putNull("proxyStaffId");
        ObjectNode personal = NODES.objectNode().put("description", "fleet benchmark, not a real appeal");
        return new Push.Record(UUID.randomUUID(), Streams.RECORD_APPEAL_FILED, id, now, payload, personal);
    }
}
