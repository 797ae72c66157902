package org.jinban.sync.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jinban.sync.protocol.Ack;
import org.jinban.sync.protocol.Codec;
import org.jinban.sync.protocol.Cursor;
import org.jinban.sync.protocol.Deliver;
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
 * The protocol over one connection, from {@code hello} to the socket's end: pushes the outbox in
 * batches, a few in flight at a time, applies deliveries in sequence order, sends heartbeats. It
 * knows nothing of sockets (frames go to {@code send}) so a new connection simply starts a new
 * conversation with nothing carried over but the outbox and the cursors, which are the truth.
 *
 * <p>Runs only on the sync client's thread. Logs ids, kinds and counts, never payloads.
 */
final class Conversation {

    private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_HEARTBEAT = Duration.ofSeconds(15);
    /** Pushes sent before the first of them is answered. */
    static final int PUSHES_IN_FLIGHT = 4;

    private final SyncConfig config;
    private final Outbox outbox;
    private final StreamHandler handler;
    private final Codec codec;
    private final Clock clock;
    private final Consumer<String> send;
    private final Liveness liveness;

    private boolean welcomed;
    private int batchSize;
    /** Pushes sent and not yet answered, oldest first. */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    /** The ids of every record in {@link #inFlight}: still pending in the outbox, not to be sent twice. */
    private final Set<String> sent = new HashSet<>();
    /** Pending records read from the outbox and not sent yet, in outbox order. */
    private final ArrayDeque<OutboxRecord> readAhead = new ArrayDeque<>();
    /** The hub refused a push frame as a whole: nothing more is pushed on this connection. */
    private boolean pushRefused;
    private Instant lastHeartbeatSent;
    private String unauthorized;

    Conversation(SyncConfig config, Outbox outbox, StreamHandler handler, Codec codec, Clock clock,
                 Consumer<String> send) {
        this.config = config;
        this.outbox = outbox;
        this.handler = handler;
        this.codec = codec;
        this.clock = clock;
        this.send = send;
        this.liveness = new Liveness(FIRST_HEARTBEAT, clock.instant());
        this.batchSize = config.maxBatch();
    }

    /** The socket is open: introduce the kiosk with the cursors it holds. */
    void open() {
        Map<String, Long> cursors = new LinkedHashMap<>();
        for (String stream : Streams.ALL) {
            cursors.put(stream, handler.cursor(stream));
        }
        lastHeartbeatSent = clock.instant();
        send(new Hello(Message.newId(), config.kioskId(), config.credential(), List.of(Codec.VERSION), cursors));
    }

    /** One text frame from the hub; a bad one is logged and answered, never fatal. */
    void received(String frame) {
        liveness.heard(clock.instant());
        Message message;
        try {
            message = codec.decode(frame);
        } catch (ProtocolException e) {
            LOG.warn("hub sent a bad frame ({}): {}", e.code().wireName(), e.getMessage());
            send(e.toErrorMessage());
            return;
        }
        switch (message) {
            case Welcome w -> welcome(w);
            case Ack a -> ack(a);
            case Deliver d -> deliver(d);
            case Heartbeat h -> { }
            case ErrorMessage e -> hubError(e);
            default -> LOG.warn("hub sent a {} frame, which only a kiosk sends; ignored", message.type().wireName());
        }
    }

    /** Called every poll interval and on {@code wake()}: heartbeat if due, push if idle. */
    void tick() {
        Instant now = clock.instant();
        if (welcomed && !now.isBefore(lastHeartbeatSent.plus(liveness.period()))) {
            lastHeartbeatSent = now;
            Instant oldest = outbox.oldestPending().orElse(now);
            send(new Heartbeat(Message.newId(), outbox.pendingCount(),
                    Math.max(0, Duration.between(oldest, now).toSeconds())));
        }
        pushNext();
    }

    boolean welcomed() {
        return welcomed;
    }

    boolean silentTooLong() {
        return liveness.silentTooLong(clock.instant());
    }

    Instant lastHeard() {
        return liveness.lastHeard();
    }

    /** The hub's {@code unauthorized} reason, or null. */
    String unauthorized() {
        return unauthorized;
    }

    private void welcome(Welcome w) {
        if (welcomed) {
            LOG.warn("hub sent a second welcome; ignored");
            return;
        }
        welcomed = true;
        if (w.heartbeatSeconds() > 0) {
            liveness.period(Duration.ofSeconds(w.heartbeatSeconds()));
        }
        if (w.maxBatch() > 0) {
            batchSize = Math.min(config.maxBatch(), w.maxBatch());
        }
        LOG.info("hub welcomed kiosk {} (heartbeat {} s, batch {}, resync {})", w.kioskId(),
                w.heartbeatSeconds(), batchSize, w.resync());
        for (String stream : w.resync()) {
            handler.resync(stream);
        }
        pushNext();
    }

    /**
     * Sends pushes until {@value #PUSHES_IN_FLIGHT} are unanswered or the outbox has nothing more.
     * Keeping several in flight hides the round trip and the hub's commit of one batch behind the
     * next; order is kept because pushes go out in outbox order on one socket and the hub handles
     * one connection's frames in order. What is unanswered when the connection ends is still
     * pending in the outbox, and the next connection sends it again.
     */
    private void pushNext() {
        while (welcomed && !pushRefused && inFlight.size() < PUSHES_IN_FLIGHT) {
            if (readAhead.isEmpty()) {
                readMore();
            }
            if (readAhead.isEmpty()) {
                return;
            }
            List<OutboxRecord> batch = new ArrayList<>();
            while (batch.size() < batchSize && !readAhead.isEmpty()) {
                batch.add(readAhead.pollFirst());
            }
            send(batch);
        }
    }

    /**
     * Reads the next pending records. The outbox lists pending records from its oldest, which
     * starts with those in flight: enough are read to get past them and fill the window again.
     */
    private void readMore() {
        for (OutboxRecord r : outbox.nextBatch(sent.size() + batchSize * PUSHES_IN_FLIGHT)) {
            if (!sent.contains(r.id())) {
                readAhead.addLast(r);
            }
        }
    }

    /** Sends {@code batch} as one push, or its first half if the frame would be too large (the rest waits). */
    private void send(List<OutboxRecord> batch) {
        List<OutboxRecord> records = new ArrayList<>();
        List<Push.Record> wire = new ArrayList<>();
        for (OutboxRecord r : batch) {
            Push.Record record = toWire(r);
            if (record != null) {
                records.add(r);
                wire.add(record);
            }
        }
        while (!wire.isEmpty()) {
            Push push = new Push(Message.newId(), wire);
            try {
                String frame = codec.encode(push);
                List<String> ids = records.stream().map(OutboxRecord::id).toList();
                inFlight.addLast(new InFlight(push.id(), ids));
                sent.addAll(ids);
                LOG.debug("pushing {} records ({} pushes in flight)", wire.size(), inFlight.size());
                send.accept(frame);
                return;
            } catch (ProtocolException tooLarge) {
                if (wire.size() == 1) {
                    refuseLocally(records.get(0).id(), "larger than a frame may be");
                    return;
                }
                int half = wire.size() / 2;
                List<OutboxRecord> later = records.subList(half, records.size());
                for (int k = later.size() - 1; k >= 0; k--) {
                    readAhead.addFirst(later.get(k));
                }
                records = new ArrayList<>(records.subList(0, half));
                wire = new ArrayList<>(wire.subList(0, half));
            }
        }
    }

    /** The wire form of a record, or null after marking it failed because the kiosk wrote bad JSON. */
    private Push.Record toWire(OutboxRecord r) {
        try {
            UUID id = UUID.fromString(r.id());
            ObjectNode payload = object(r.payloadJson());
            ObjectNode personal = r.personalJson() == null ? null : object(r.personalJson());
            if (payload == null || (r.personalJson() != null && personal == null)) {
                refuseLocally(r.id(), "payload or personal data is not a JSON object");
                return null;
            }
            return new Push.Record(id, r.kind(), r.aggregateId(), r.createdAt(), payload, personal);
        } catch (IllegalArgumentException e) {
            refuseLocally(r.id(), "id is not a UUID");
            return null;
        }
    }

    private static ObjectNode object(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node instanceof ObjectNode o ? o : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private void refuseLocally(String id, String reason) {
        LOG.error("outbox record {} cannot be sent: {}", id, reason);
        outbox.rejected(id, "kiosk: " + reason);
    }

    private void ack(Ack a) {
        List<String> ids = a.ids().stream().map(UUID::toString).toList();
        if (!ids.isEmpty()) {
            outbox.acked(ids);
        }
        for (Ack.Rejected r : a.rejected()) {
            LOG.warn("hub rejected outbox record {}: {}", r.id(), r.reason());
            outbox.rejected(r.id().toString(), r.reason());
        }
        LOG.debug("hub acked {} and rejected {} records", ids.size(), a.rejected().size());
        answered(ids.isEmpty() ? a.rejected().stream().map(r -> r.id().toString()).findFirst().orElse(null)
                : ids.getFirst());
        ids.forEach(sent::remove);
        a.rejected().forEach(r -> sent.remove(r.id().toString()));
        pushNext();
    }

    /**
     * One push is answered: the one holding {@code someId}, else the oldest (the hub answers in
     * order). A record of it the ack did not name stays pending and is read and sent again.
     */
    private void answered(String someId) {
        InFlight done = inFlight.stream().filter(p -> someId != null && p.ids().contains(someId)).findFirst()
                .orElse(inFlight.peekFirst());
        if (done != null) {
            inFlight.remove(done);
            done.ids().forEach(sent::remove);
        }
    }

    private void deliver(Deliver d) {
        String stream = d.stream();
        for (Deliver.Item item : d.items()) {
            long cursor = handler.cursor(stream);
            if (item.seq() != cursor + 1) {
                LOG.debug("{} item {} is out of order (cursor {}); ignored", stream, item.seq(), cursor);
                continue;
            }
            try {
                handler.apply(stream, item.seq(), item.kind(), item.body().toString());
            } catch (RuntimeException e) {
                String reason = "cannot apply " + stream + " seq " + item.seq() + " (" + item.kind() + "): "
                        + e.getClass().getSimpleName();
                // the exception's message may quote the item: only its class is logged
                LOG.error("{}; moving past it", reason);
                handler.skip(stream, item.seq(), item.kind(), reason);
                send(ErrorMessage.of(ErrorCode.CANNOT_APPLY, reason, d.id()));
            }
        }
        send(new Cursor(Message.newId(), stream, handler.cursor(stream)));
    }

    private void hubError(ErrorMessage e) {
        if (ErrorCode.UNAUTHORIZED.wireName().equals(e.code())) {
            unauthorized = e.reason();
        }
        if (e.ref() != null && inFlight.stream().anyMatch(p -> p.pushId().equals(e.ref()))) {
            // Sending later records past these would break their order: wait for a new connection.
            LOG.error("hub refused a push frame ({}); no more pushes on this connection", e.code());
            pushRefused = true;
        }
        LOG.warn("hub reports error {} ({}) about frame {}", e.code(), e.reason(), e.ref());
    }

    private void send(Message message) {
        send.accept(codec.encode(message));
    }

    /** A push sent and not answered yet: its frame id and the outbox ids it carries. */
    private record InFlight(UUID pushId, List<String> ids) {
    }
}
