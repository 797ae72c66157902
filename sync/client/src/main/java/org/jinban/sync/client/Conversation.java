package org.jinban.sync.client;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * The protocol over one connection, from {@code hello} to the socket's end: pushes the outbox one
 * batch at a time, applies deliveries in sequence order, sends heartbeats. It knows nothing of
 * sockets (frames go to {@code send}) so a new connection simply starts a new conversation with
 * nothing carried over but the outbox and the cursors, which are the truth.
 *
 * <p>Runs only on the sync client's thread. Logs ids, kinds and counts, never payloads.
 */
final class Conversation {

    private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_HEARTBEAT = Duration.ofSeconds(15);

    private final SyncConfig config;
    private final Outbox outbox;
    private final StreamHandler handler;
    private final Codec codec;
    private final Clock clock;
    private final Consumer<String> send;
    private final Liveness liveness;

    private boolean welcomed;
    private int batchSize;
    private Set<UUID> inFlight;
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

    private void pushNext() {
        if (!welcomed || inFlight != null) {
            return;
        }
        List<Push.Record> records = new ArrayList<>();
        for (OutboxRecord r : outbox.nextBatch(batchSize)) {
            Push.Record record = toWire(r);
            if (record != null) {
                records.add(record);
            }
        }
        while (!records.isEmpty()) {
            Push push = new Push(Message.newId(), records);
            try {
                String frame = codec.encode(push);
                inFlight = new HashSet<>();
                records.forEach(r -> inFlight.add(r.id()));
                LOG.debug("pushing {} records", records.size());
                send.accept(frame);
                return;
            } catch (ProtocolException tooLarge) {
                if (records.size() == 1) {
                    refuseLocally(records.get(0).id().toString(), "larger than a frame may be");
                    records = List.of();
                } else {
                    records = new ArrayList<>(records.subList(0, records.size() / 2));
                }
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
        inFlight = null;
        pushNext();
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
        LOG.warn("hub reports error {} ({}) about frame {}", e.code(), e.reason(), e.ref());
    }

    private void send(Message message) {
        send.accept(codec.encode(message));
    }
}
