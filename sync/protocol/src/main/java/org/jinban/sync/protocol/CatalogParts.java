package org.jinban.sync.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code catalog.delta} or {@code catalog.snapshot} whose body does not fit in one frame
 * travels as parts (docs/sync-protocol.md, "Catalog parts"): consecutive items of kind
 * {@code catalog.delta.part} or {@code catalog.snapshot.part}, each carrying a slice of the whole
 * body's JSON text. The receiver keeps each part with its cursor and applies the whole body,
 * the slices joined in order, when the last part arrives.
 *
 * <p>The slices are of the body's text, not of its items, so that the receiver reads the joined
 * body exactly as it would read one that came whole, with the same checks, and a part never
 * needs to know what a catalog is. A slice is cut by what it weighs once escaped inside a frame,
 * so that any body, whatever its characters, is carried in parts that each fit.
 */
public final class CatalogParts {
    public static final String KIND_DELTA_PART = Streams.KIND_CATALOG_DELTA + ".part";
    public static final String KIND_SNAPSHOT_PART = Streams.KIND_CATALOG_SNAPSHOT + ".part";
    /**
     * The most a slice may weigh escaped in a frame, in UTF-8 bytes; the frame's envelope and the
     * part's other fields take well under 1 KiB of what {@link Codec#MAX_FRAME_BYTES} leaves.
     */
    public static final int MAX_SLICE_BYTES = 192 * 1024;
    /**
     * The largest body carried in parts, in UTF-8 bytes. A kiosk holds the whole of it while it
     * reads it (a 10,000-item catalog is about 25 MB), so a larger one is refused at publication.
     */
    public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    /** More parts than a body of {@link #MAX_BODY_BYTES} can take, whatever its characters. */
    public static final int MAX_PARTS = 2 * MAX_BODY_BYTES / MAX_SLICE_BYTES + 1;

    private CatalogParts() {
    }

    /** One part: slice {@code part} (from 1) of {@code parts} of the body of catalog {@code version}. */
    public record Part(long version, int part, int parts, String text) {
        public Part {
            Objects.requireNonNull(text, "text");
            if (version < 1 || parts < 1 || parts > MAX_PARTS || part < 1 || part > parts || text.isEmpty()) {
                throw new IllegalArgumentException("part " + part + " of " + parts + " of version " + version);
            }
        }

        /** Whether this is the part whose arrival completes the body. */
        public boolean last() {
            return part == parts;
        }

        public ObjectNode body() {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("version", version);
            body.put("part", part);
            body.put("parts", parts);
            body.put("text", text);
            return body;
        }

        /**
         * The part in a received item's body.
         *
         * @throws IllegalArgumentException naming the field that is missing or out of range
         */
        public static Part of(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("a catalog part must be a JSON object");
            }
            long version = integer(body, "version", Long.MAX_VALUE);
            int parts = (int) integer(body, "parts", MAX_PARTS);
            int part = (int) integer(body, "part", parts);
            JsonNode text = body.get("text");
            if (text == null || !text.isTextual() || text.asText().isEmpty()) {
                throw new IllegalArgumentException("text: a catalog part must carry a slice of text");
            }
            return new Part(version, part, parts, text.asText());
        }

        private static long integer(JsonNode body, String field, long max) {
            JsonNode n = body.get(field);
            if (n == null || !n.canConvertToExactIntegral() || !n.canConvertToLong()
                    || n.asLong() < 1 || n.asLong() > max) {
                throw new IllegalArgumentException(field + ": a whole number from 1 to " + max);
            }
            return n.asLong();
        }
    }

    /** The part kind that carries a body of {@code kind}, if that kind may travel in parts. */
    public static Optional<String> partKindOf(String kind) {
        return switch (kind) {
            case Streams.KIND_CATALOG_DELTA -> Optional.of(KIND_DELTA_PART);
            case Streams.KIND_CATALOG_SNAPSHOT -> Optional.of(KIND_SNAPSHOT_PART);
            default -> Optional.empty();
        };
    }

    /** The kind of the whole body that parts of {@code partKind} carry, if it is a part kind. */
    public static Optional<String> wholeKindOf(String partKind) {
        return switch (partKind) {
            case KIND_DELTA_PART -> Optional.of(Streams.KIND_CATALOG_DELTA);
            case KIND_SNAPSHOT_PART -> Optional.of(Streams.KIND_CATALOG_SNAPSHOT);
            default -> Optional.empty();
        };
    }

    /**
     * Cuts {@code body} (the whole body's JSON text) into slices of at most
     * {@link #MAX_SLICE_BYTES} escaped, never between the two halves of a surrogate pair.
     *
     * @throws IllegalArgumentException if the body is empty or would need more than
     *                                  {@link #MAX_PARTS} parts
     */
    public static List<Part> split(long version, String body) {
        if (body.isEmpty()) {
            throw new IllegalArgumentException("an empty body has no parts");
        }
        List<String> slices = new ArrayList<>();
        int start = 0;
        int weight = 0;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            int w = escapedWeight(ch);
            if (weight + w > MAX_SLICE_BYTES) {
                int end = Character.isLowSurrogate(ch) && i > start ? i - 1 : i;
                slices.add(body.substring(start, end));
                start = end;
                weight = 0;
                for (int j = end; j <= i; j++) {
                    weight += escapedWeight(body.charAt(j));
                }
            } else {
                weight += w;
            }
        }
        slices.add(body.substring(start));
        if (slices.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a body of " + body.length() + " characters needs " + slices.size()
                    + " parts, more than " + MAX_PARTS);
        }
        List<Part> parts = new ArrayList<>(slices.size());
        for (int i = 0; i < slices.size(); i++) {
            parts.add(new Part(version, i + 1, slices.size(), slices.get(i)));
        }
        return parts;
    }

    /**
     * What one UTF-16 char weighs in UTF-8 once Jackson has escaped it inside a JSON string: a
     * quote or backslash 2, a control character up to 6, a surrogate half 2 (4 a pair).
     */
    static int escapedWeight(char ch) {
        if (ch == '"' || ch == '\\') {
            return 2;
        }
        if (ch < 0x20) {
            return 6;
        }
        if (ch < 0x80) {
            return 1;
        }
        if (ch < 0x800 || Character.isSurrogate(ch)) {
            return 2;
        }
        return 3;
    }
}
