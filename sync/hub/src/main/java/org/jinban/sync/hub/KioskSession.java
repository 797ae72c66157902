package org.jinban.sync.hub;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jinban.sync.protocol.Ack;
import org.jinban.sync.protocol.CloseCodes;
import org.jinban.sync.protocol.Codec;
import org.jinban.sync.protocol.Cursor;
import org.jinban.sync.protocol.ErrorCode;
import org.jinban.sync.protocol.ErrorMessage;
import org.jinban.sync.protocol.Heartbeat;
import org.jinban.sync.protocol.Hello;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.ProtocolException;
import org.jinban.sync.protocol.Push;
import org.jinban.sync.protocol.Streams;
import org.jinban.sync.protocol.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kiosk's connection, as docs/sync-protocol.md has it: hello and welcome, pushes stored and
 * acked, downstream delivered after cursors, heartbeats both ways, and the contract's answer to
 * every bad frame. Jetty's threads only hand frames over; the work (SQLite included) runs in
 * order on this connection's {@link SerialExecutor}. Never logs a record's personal part. Public only
 * because Jetty invokes a WebSocket endpoint through method handles.
 */
public final class KioskSession implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(KioskSession.class);
    /** The item a kiosk names in a {@code cannot-apply} reason (sync/client's Conversation). */
    private static final Pattern CANNOT_APPLY = Pattern.compile("cannot apply ([a-z-]+) seq ([0-9]{1,18})\\b");

    private final HubStore store;
    private final Codec codec;
    private final HubConfig config;
    private final ConnectedKiosks connected;
    private final ScheduledExecutorService timer;
    private final SerialExecutor work;
    private final MalformedBudget malformed = new MalformedBudget();

    private volatile Outbound out;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile String kioskId;
    private ScheduledFuture<?> ticker;
    private Downstream downstream;

    KioskSession(HubStore store, Codec codec, HubConfig config, ConnectedKiosks connected,
                 ScheduledExecutorService timer, Executor workers) {
        this.store = store;
        this.codec = codec;
        this.config = config;
        this.connected = connected;
        this.timer = timer;
        this.work = new SerialExecutor(workers);
    }

    @Override
    public void onWebSocketOpen(Session session) {
        out = new Outbound(session);
        lastHeardNanos = System.nanoTime();
        long period = config.heartbeatSeconds() * 1000L;
        ticker = timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onWebSocketText(String frame) {
        lastHeardNanos = System.nanoTime();
        work.execute(() -> handle(frame));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        out.close(CloseCodes.BINARY_FRAME, "binary frames are not accepted");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        callback.succeed();
        if (ticker != null) {
            ticker.cancel(false);
        }
        work.execute(() -> {
            if (kioskId != null) {
                connected.remove(kioskId, this);
                LOG.info("kiosk {} disconnected ({} {})", kioskId, statusCode, reason);
            }
        });
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("kiosk {}: connection error {}", kioskId, cause.toString());
    }

    /** A new item on {@code stream} for this kiosk: sent at once unless a batch is in flight. */
    void itemAdded(String stream) {
        work.execute(() -> {
            if (downstream != null && !out.isClosing()) {
                downstream.sendPending(stream);
            }
        });
    }

    /** Closes this connection, e.g. because the kiosk connected again or was revoked. */
    void close(int code, String reason) {
        out.close(code, reason);
    }

    private void tick() {
        long silentNanos = System.nanoTime() - lastHeardNanos;
        if (silentNanos >= TimeUnit.SECONDS.toNanos((long) config.heartbeatSeconds() * CloseCodes.SILENT_PERIODS)) {
            LOG.info("kiosk {}: nothing heard for {} heartbeat periods, closing", kioskId, CloseCodes.SILENT_PERIODS);
            out.close(CloseCodes.GOING_AWAY, "no heartbeat");
        } else if (kioskId != null) {
            out.send(codec.encode(Heartbeat.empty()));
        }
    }

    private void handle(String frame) {
        if (out.isClosing()) {
            return;
        }
        Message m;
        try {
            m = codec.decode(frame);
        } catch (ProtocolException e) {
            refuse(e);
            return;
        }
        try {
            if (kioskId == null) {
                handshake(m);
            } else {
                dispatch(m);
            }
        } catch (HubException e) {
            // The kiosk gets no ack and sends again after reconnecting; nothing is half-stored.
            LOG.error("kiosk {}: the hub could not handle a {} frame", kioskId, m.type().wireName(), e);
            out.close(CloseCodes.SERVER_ERROR, "the hub could not store");
        }
    }

    private void refuse(ProtocolException e) {
        send(e.toErrorMessage());
        if (e.code() == ErrorCode.UNSUPPORTED_VERSION) {
            out.close(CloseCodes.UNSUPPORTED_VERSION, "unsupported version");
        } else if (kioskId == null) {
            out.close(CloseCodes.UNAUTHORIZED, "hello first");
        } else if (e.code() != ErrorCode.UNKNOWN_TYPE && malformed.exceededBy(System.nanoTime())) {
            LOG.warn("kiosk {}: too many malformed frames, closing", kioskId);
            out.close(CloseCodes.POLICY, "too many malformed frames");
        }
    }

    private void handshake(Message m) {
        if (!(m instanceof Hello hello)) {
            send(ErrorMessage.of(ErrorCode.UNAUTHORIZED, "hello first", m.id()));
            out.close(CloseCodes.UNAUTHORIZED, "hello first");
            return;
        }
        if (!hello.protocols().contains(Codec.VERSION)) {
            send(ErrorMessage.of(ErrorCode.UNSUPPORTED_VERSION, "this hub speaks version " + Codec.VERSION, m.id()));
            out.close(CloseCodes.UNSUPPORTED_VERSION, "unsupported version");
            return;
        }
        if (!store.authenticate(hello.kioskId(), hello.credential())) {
            LOG.warn("refused a hello for kiosk {}: unknown, revoked or wrong credential", hello.kioskId());
            send(ErrorMessage.of(ErrorCode.UNAUTHORIZED, "unknown kiosk, wrong or revoked credential", m.id()));
            out.close(CloseCodes.UNAUTHORIZED, "unauthorized");
            return;
        }
        String id = hello.kioskId();
        store.contact(id, null, null);
        downstream = new Downstream(store, codec, id, config.maxBatch(), out::send,
                () -> out.close(CloseCodes.GOING_AWAY, "stream items deleted by retention; say hello again"));
        List<String> resync = new ArrayList<>();
        for (String stream : Streams.ALL) {
            // A cursor the hub no longer holds: the stream is rebuilt from seq 1 before the welcome
            // tells the kiosk to drop it, and delivered from seq 1 only after the welcome.
            StreamStore.Start start = store.streams().start(id, stream, hello.cursor(stream));
            if (start.resync()) {
                resync.add(stream);
            }
            downstream.start(stream, start.cursor());
        }
        connected.register(id, this).ifPresent(old -> old.close(CloseCodes.GOING_AWAY, "replaced by a newer connection"));
        send(new Welcome(Message.newId(), id, config.heartbeatSeconds(), config.maxBatch(), resync));
        kioskId = id; // only now: the heartbeat timer must not send before the welcome
        LOG.info("kiosk {} connected", id);
        Streams.ALL.forEach(downstream::sendPending);
    }

    private void dispatch(Message m) {
        switch (m) {
            case Push push -> push(push);
            case Cursor c -> downstream.cursor(c.stream(), c.seq());
            case Heartbeat h -> store.contact(kioskId, h.queue(), h.oldestUnsentSeconds());
            case ErrorMessage e -> kioskError(e);
            default -> refuse(new ProtocolException(ErrorCode.MALFORMED,
                    "type: a kiosk does not send " + m.type().wireName() + " after welcome", m.id()));
        }
    }

    /**
     * A kiosk's {@code error}. For {@code cannot-apply} the kiosk names the item in its reason
     * ("cannot apply catalog seq 12 (catalog.delta): …"); a catalog delta it could not apply is
     * answered with a snapshot of the latest version.
     */
    private void kioskError(ErrorMessage e) {
        LOG.warn("kiosk {} reports {} about frame {}", kioskId, e.code(), e.ref());
        if (!ErrorCode.CANNOT_APPLY.wireName().equals(e.code()) || e.reason() == null) {
            return;
        }
        Matcher m = CANNOT_APPLY.matcher(e.reason());
        if (m.find() && m.group(1).equals(Streams.CATALOG)) {
            long seq = Long.parseLong(m.group(2));
            store.streams().repairCatalog(kioskId, seq).ifPresent(snapshot -> {
                LOG.info("kiosk {} could not apply catalog item {}: snapshot appended at {}", kioskId, seq, snapshot);
                downstream.sendPending(Streams.CATALOG);
            });
        }
    }

    private void push(Push push) {
        if (push.records().size() > config.maxBatch()) {
            refuse(new ProtocolException(ErrorCode.MALFORMED,
                    "records: more than maxBatch (" + config.maxBatch() + ")", push.id()));
            return;
        }
        HubStore.Receipt receipt = store.receive(kioskId, push.records());
        send(new Ack(Message.newId(), receipt.acked(), receipt.rejected()));
        LOG.info("kiosk {} pushed {} records: {} acked, {} rejected", kioskId, push.records().size(),
                receipt.acked().size(), receipt.rejected().size());
    }

    private void send(Message m) {
        out.send(codec.encode(m));
    }
}
