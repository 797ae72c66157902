package org.jinban.sync.hub;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.sync.protocol.Push;
import org.jinban.sync.protocol.Streams;

/**
 * Whether a pushed record's payload is one the hub can keep, per the table of record kinds in
 * docs/sync-protocol.md. An invalid record is refused for good (the kiosk marks it failed), so
 * only what would make the record useless is checked; the reason never quotes personal data.
 */
final class RecordValidator {
    private RecordValidator() {
    }

    /** The reason to refuse {@code r}, or empty when it is valid. */
    static Optional<String> problem(Push.Record r) {
        JsonNode p = r.payload();
        return switch (r.kind()) {
            case Streams.RECORD_APPEAL_FILED -> first(
                    uuid(p, "id"), text(p, "trackingNo"), text(p, "category"), instant(p, "filedAt"),
                    instant(p, "dueAt"),
                    r.aggregateId() != null && p.path("id").isTextual() && !r.aggregateId().equals(p.path("id").asText())
                            ? Optional.of("payload.id differs from aggregateId") : Optional.empty());
            case Streams.RECORD_APPEAL_RATED -> first(uuid(p, "appealId"), text(p, "trackingNo"), number(p, "level"));
            case Streams.RECORD_AUDIT_APPENDED -> first(number(p, "seq"), text(p, "action"), text(p, "hash"));
            case Streams.RECORD_DEVICE_HEALTH -> p.path("devices").isObject()
                    ? Optional.empty() : Optional.of("payload.devices must be an object");
            default -> Optional.of("unknown record kind " + (r.kind().length() > 40 ? r.kind().substring(0, 40) : r.kind()));
        };
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... checks) {
        for (Optional<String> c : checks) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode p, String field) {
        JsonNode n = p.get(field);
        return n != null && n.isTextual() && !n.asText().isBlank()
                ? Optional.empty() : Optional.of("payload." + field + " is required");
    }

    private static Optional<String> number(JsonNode p, String field) {
        JsonNode n = p.get(field);
        return n != null && n.isIntegralNumber() ? Optional.empty() : Optional.of("payload." + field + " must be an integer");
    }

    private static Optional<String> uuid(JsonNode p, String field) {
        Optional<String> missing = text(p, field);
        if (missing.isPresent()) {
            return missing;
        }
        try {
            UUID.fromString(p.get(field).asText());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("payload." + field + " must be a UUID");
        }
    }

    private static Optional<String> instant(JsonNode p, String field) {
        Optional<String> missing = text(p, field);
        if (missing.isPresent()) {
            return missing;
        }
        try {
            Instant.parse(p.get(field).asText());
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("payload." + field + " must be an ISO 8601 instant");
        }
    }
}
