package org.jinban.sync.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of one JSON object of a frame, and names the field (with its path, e.g.
 * {@code records[2].payload}) in the {@code malformed} error when one is missing or of the
 * wrong shape.
 */
final class BodyFields {
    private final ObjectNode node;
    private final String path;
    private final UUID ref;

    private BodyFields(ObjectNode node, String path, UUID ref) {
        this.node = node;
        this.path = path;
        this.ref = ref;
    }

    /** The object at {@code path}; malformed if {@code node} is missing or not an object. */
    static BodyFields of(JsonNode node, String path, UUID ref) {
        if (node == null || !node.isObject()) {
            throw new ProtocolException(ErrorCode.MALFORMED, path + ": must be an object", ref);
        }
        return new BodyFields((ObjectNode) node, path, ref);
    }

    ObjectNode node() {
        return node;
    }

    /** The object field {@code name}, read with its own path. */
    BodyFields child(String name) {
        return of(node.get(name), field(name), ref);
    }

    List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    String text(String name) {
        String v = optText(name);
        if (v == null || v.isBlank()) {
            throw malformed(name, "a non-empty string is required");
        }
        return v;
    }

    String optText(String name) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw malformed(name, "must be a string");
        }
        return n.textValue();
    }

    UUID uuid(String name) {
        UUID v = optUuid(name);
        if (v == null) {
            throw malformed(name, "a UUID is required");
        }
        return v;
    }

    UUID optUuid(String name) {
        String v = optText(name);
        return v == null ? null : parseUuid(v, name);
    }

    String stream(String name) {
        String v = text(name);
        if (!Streams.isStream(v)) {
            throw malformed(name, "not a stream of version 1");
        }
        return v;
    }

    long longValue(String name, long min) {
        Long v = optLong(name, min);
        if (v == null) {
            throw malformed(name, "a number is required");
        }
        return v;
    }

    Long optLong(String name, long min) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        return checkedLong(n, name, min);
    }

    int intValue(String name, int min) {
        long v = longValue(name, min);
        if (v > Integer.MAX_VALUE) {
            throw malformed(name, "too large");
        }
        return (int) v;
    }

    Instant instant(String name) {
        String v = text(name);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw malformed(name, "an ISO 8601 instant is required");
        }
    }

    ObjectNode object(String name) {
        ObjectNode v = optObject(name);
        if (v == null) {
            throw malformed(name, "an object is required");
        }
        return v;
    }

    ObjectNode optObject(String name) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw malformed(name, "must be an object");
        }
        return (ObjectNode) n;
    }

    /** The elements of an array field, each as the JSON it is; malformed if not an array. */
    List<JsonNode> array(String name) {
        JsonNode n = node.get(name);
        if (n == null || !n.isArray()) {
            throw malformed(name, "an array is required");
        }
        List<JsonNode> out = new ArrayList<>(n.size());
        n.forEach(out::add);
        return out;
    }

    /** An array of objects, each with its own path ({@code records[3]}). */
    List<BodyFields> objects(String name) {
        List<JsonNode> elements = array(name);
        List<BodyFields> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            out.add(of(elements.get(i), field(name) + "[" + i + "]", ref));
        }
        return out;
    }

    List<UUID> uuids(String name) {
        List<JsonNode> elements = array(name);
        List<UUID> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            JsonNode e = elements.get(i);
            String at = name + "[" + i + "]";
            if (!e.isTextual()) {
                throw malformed(at, "a UUID is required");
            }
            out.add(parseUuid(e.textValue(), at));
        }
        return out;
    }

    List<String> streams(String name) {
        List<JsonNode> elements = array(name);
        List<String> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            JsonNode e = elements.get(i);
            if (!e.isTextual() || !Streams.isStream(e.textValue())) {
                throw malformed(name + "[" + i + "]", "not a stream of version 1");
            }
            out.add(e.textValue());
        }
        return out;
    }

    List<Integer> ints(String name) {
        List<JsonNode> elements = array(name);
        List<Integer> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            out.add((int) checkedLong(elements.get(i), name + "[" + i + "]", 0, Integer.MAX_VALUE));
        }
        return out;
    }

    private long checkedLong(JsonNode n, String name, long min) {
        return checkedLong(n, name, min, Long.MAX_VALUE);
    }

    private long checkedLong(JsonNode n, String name, long min, long max) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw malformed(name, "an integer is required");
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw malformed(name, "out of range");
        }
        return v;
    }

    private UUID parseUuid(String v, String name) {
        // UUID.fromString accepts short forms like "1-2-3-4-5"; the wire wants the canonical 36.
        if (v.length() != 36) {
            throw malformed(name, "a UUID is required");
        }
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            throw malformed(name, "a UUID is required");
        }
    }

    ProtocolException malformed(String name, String why) {
        return new ProtocolException(ErrorCode.MALFORMED, field(name) + ": " + why, ref);
    }

    private String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
