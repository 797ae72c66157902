package org.jinban.sync.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Each message type's body, from JSON and to JSON, field by field as docs/sync-protocol.md has it. */
final class MessageBodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessageBodies() {
    }

    static Message read(MessageType type, UUID id, BodyFields b) {
        return switch (type) {
            case HELLO -> new Hello(id, b.text("kioskId"), b.text("credential"), b.ints("protocols"), cursors(b));
            case WELCOME -> new Welcome(id, b.text("kioskId"), b.intValue("heartbeatSeconds", 1),
                    b.intValue("maxBatch", 1), b.streams("resync"));
            case PUSH -> new Push(id, records(b));
            case ACK -> new Ack(id, b.uuids("ids"), rejected(b));
            case DELIVER -> new Deliver(id, b.stream("stream"), items(b));
            case CURSOR -> new Cursor(id, b.stream("stream"), b.longValue("seq", 0));
            case HEARTBEAT -> new Heartbeat(id, b.optLong("queue", 0), b.optLong("oldestUnsentSeconds", 0));
            case ERROR -> new ErrorMessage(id, b.text("code"), b.optText("reason"), b.optUuid("ref"));
        };
    }

    private static Map<String, Long> cursors(BodyFields b) {
        BodyFields c = b.child("cursors");
        Map<String, Long> out = new LinkedHashMap<>();
        for (String stream : c.names()) {
            if (!Streams.isStream(stream)) {
                throw c.malformed(stream, "not a stream of version 1");
            }
            out.put(stream, c.longValue(stream, 0));
        }
        return out;
    }

    private static List<Push.Record> records(BodyFields b) {
        List<Push.Record> out = new ArrayList<>();
        for (BodyFields r : b.objects("records")) {
            out.add(new Push.Record(r.uuid("id"), r.text("kind"), r.optText("aggregateId"), r.instant("createdAt"),
                    r.object("payload"), r.optObject("personal")));
        }
        return out;
    }

    private static List<Ack.Rejected> rejected(BodyFields b) {
        if (b.node().get("rejected") == null) {
            return List.of();
        }
        List<Ack.Rejected> out = new ArrayList<>();
        for (BodyFields r : b.objects("rejected")) {
            out.add(new Ack.Rejected(r.uuid("id"), r.text("reason")));
        }
        return out;
    }

    private static List<Deliver.Item> items(BodyFields b) {
        List<Deliver.Item> out = new ArrayList<>();
        for (BodyFields i : b.objects("items")) {
            out.add(new Deliver.Item(i.longValue("seq", 1), i.text("kind"), i.object("body")));
        }
        return out;
    }

    static ObjectNode write(Message m) {
        ObjectNode body = NODES.objectNode();
        switch (m) {
            case Hello h -> {
                body.put("kioskId", h.kioskId());
                body.put("credential", h.credential());
                ArrayNode protocols = body.putArray("protocols");
                h.protocols().forEach(protocols::add);
                ObjectNode cursors = body.putObject("cursors");
                Streams.ALL.stream().filter(h.cursors()::containsKey)
                        .forEach(s -> cursors.put(s, h.cursors().get(s)));
            }
            case Welcome w -> {
                body.put("kioskId", w.kioskId());
                body.put("heartbeatSeconds", w.heartbeatSeconds());
                body.put("maxBatch", w.maxBatch());
                ArrayNode resync = body.putArray("resync");
                w.resync().forEach(resync::add);
            }
            case Push p -> {
                ArrayNode records = body.putArray("records");
                for (Push.Record r : p.records()) {
                    ObjectNode o = records.addObject();
                    o.put("id", r.id().toString());
                    o.put("kind", r.kind());
                    o.put("aggregateId", r.aggregateId());
                    o.put("createdAt", r.createdAt().toString());
                    o.set("payload", r.payload());
                    o.set("personal", r.personal() == null ? NODES.nullNode() : r.personal());
                }
            }
            case Ack a -> {
                ArrayNode ids = body.putArray("ids");
                a.ids().forEach(i -> ids.add(i.toString()));
                ArrayNode rejected = body.putArray("rejected");
                a.rejected().forEach(r -> rejected.addObject().put("id", r.id().toString()).put("reason", r.reason()));
            }
            case Deliver d -> {
                body.put("stream", d.stream());
                ArrayNode items = body.putArray("items");
                for (Deliver.Item i : d.items()) {
                    items.addObject().put("seq", i.seq()).put("kind", i.kind()).set("body", i.body());
                }
            }
            case Cursor c -> body.put("stream", c.stream()).put("seq", c.seq());
            case Heartbeat h -> {
                if (h.queue() != null) {
                    body.put("queue", h.queue());
                }
                if (h.oldestUnsentSeconds() != null) {
                    body.put("oldestUnsentSeconds", h.oldestUnsentSeconds());
                }
            }
            case ErrorMessage e -> {
                body.put("code", e.code());
                body.put("reason", e.reason());
                body.put("ref", e.ref() == null ? null : e.ref().toString());
            }
        }
        return body;
    }

}
