package org.jinban.sync.hub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code catalog.delta} from one published version to the next (docs/sync-protocol.md):
 * {@code upserts} the items added or changed (JSON equality, whole items), {@code removes} the
 * codes gone. The kiosk keeps the held version's departments, life events, synonyms and
 * publisher when it applies a delta, so a change to any of them can only travel as a snapshot.
 */
final class CatalogDiff {
    /** The fields a delta carries itself; every other top-level field must be unchanged. */
    private static final Set<String> DELTA_FIELDS = java.util.Set.of("version", "issuedAt", "items");

    private CatalogDiff() {
    }

    /** The delta from {@code previous} to {@code next}, or empty if only a snapshot can carry it. */
    static Optional<ObjectNode> delta(ObjectNode previous, ObjectNode next) {
        if (!frame(previous).equals(frame(next))) {
            return Optional.empty();
        }
        Map<String, JsonNode> before = byCode(previous);
        ObjectNode delta = JsonNodeFactory.instance.objectNode();
        delta.set("version", next.get("version"));
        delta.set("previousVersion", previous.get("version"));
        if (next.hasNonNull("issuedAt")) {
            delta.set("issuedAt", next.get("issuedAt"));
        }
        ArrayNode upserts = delta.putArray("upserts");
        ArrayNode removes = delta.putArray("removes");
        Map<String, JsonNode> after = byCode(next);
        after.forEach((code, item) -> {
            if (!item.equals(before.get(code))) {
                upserts.add(item);
            }
        });
        before.keySet().stream().filter(code -> !after.containsKey(code)).forEach(removes::add);
        return Optional.of(delta);
    }

    private static ObjectNode frame(ObjectNode doc) {
        ObjectNode frame = JsonNodeFactory.instance.objectNode();
        doc.properties().stream().filter(e -> !DELTA_FIELDS.contains(e.getKey()))
                .forEach(e -> frame.set(e.getKey(), e.getValue()));
        return frame;
    }

    private static Map<String, JsonNode> byCode(ObjectNode doc) {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        doc.path("items").forEach(item -> items.put(item.path("code").asText(), item));
        return items;
    }
}
