package org.jinban.sync.hub;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /admin/v1/kiosks/{id}/config}'s body turned into a {@code config.snapshot} body:
 * only the keys a kiosk takes from the centre, each of its type and within the bounds the
 * kiosk's own config allows. A refusal names the key. The kiosk checks again and refuses the
 * whole snapshot if a value is wrong, so the hub's check only saves a round trip.
 */
final class ConfigValues {
    static final String STATION_NAME = "kiosk.station.name";
    private static final int MAX_NAME = 64;

    /** Duration keys and their bounds, as the kiosk's KioskConfig and AppealConfig check them. */
    private static final Map<String, Duration[]> DURATIONS = Map.of(
            "kiosk.ui.idle-timeout", new Duration[] {Duration.ofSeconds(1), Duration.ofHours(1)},
            "kiosk.ui.elder-idle-timeout", new Duration[] {Duration.ofSeconds(1), Duration.ofHours(1)},
            "kiosk.staff.idle-timeout", new Duration[] {Duration.ofSeconds(10), Duration.ofHours(1)},
            "kiosk.appeals.retention", new Duration[] {Duration.ZERO, Duration.ofDays(3650)});

    private ConfigValues() {
    }

    /** The snapshot body {@code {"values": {...}}}, the values as given. */
    static ObjectNode snapshot(JsonNode body) {
        JsonNode values = body.get("values");
        if (values == null || !values.isObject()) {
            throw invalid("values: must be an object of config keys and values");
        }
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            check(e.getKey(), e.getValue());
        }
        Duration idle = duration(values, "kiosk.ui.idle-timeout");
        Duration elder = duration(values, "kiosk.ui.elder-idle-timeout");
        if (idle != null && elder != null && elder.compareTo(idle) < 0) {
            throw invalid("kiosk.ui.elder-idle-timeout: must not be shorter than kiosk.ui.idle-timeout");
        }
        ObjectNode snapshot = JsonNodeFactory.instance.objectNode();
        snapshot.set("values", values.deepCopy());
        return snapshot;
    }

    private static void check(String key, JsonNode value) {
        if (key.equals(STATION_NAME)) {
            if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_NAME) {
                throw invalid(key + ": must be a string of 1 to " + MAX_NAME + " characters");
            }
            return;
        }
        Duration[] bounds = DURATIONS.get(key);
        if (bounds == null) {
            throw invalid(key + ": not a key a kiosk takes from the centre; allowed: " + STATION_NAME + ", "
                    + String.join(", ", DURATIONS.keySet().stream().sorted().toList()));
        }
        if (!value.isTextual()) {
            throw invalid(key + ": must be an ISO 8601 duration as a string, e.g. \"PT60S\"");
        }
        Duration d;
        try {
            d = Duration.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw invalid(key + ": '" + value.asText() + "' is not an ISO 8601 duration such as \"PT60S\"");
        }
        if (d.compareTo(bounds[0]) < 0 || d.compareTo(bounds[1]) > 0) {
            throw invalid(key + ": must be between " + bounds[0] + " and " + bounds[1] + ", was " + d);
        }
    }

    private static Duration duration(JsonNode values, String key) {
        JsonNode v = values.get(key);
        return v == null ? null : Duration.parse(v.asText());
    }

    private static AdminHandler.AdminProblem invalid(String detail) {
        return new AdminHandler.AdminProblem(400, "invalid-request", detail);
    }
}
