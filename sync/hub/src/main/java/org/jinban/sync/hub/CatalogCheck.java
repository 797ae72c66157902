package org.jinban.sync.hub;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The hub's check of a catalog document before it publishes it (docs/catalog-format.md): the
 * frame and what ties items together (unique codes, known departments and life events). The
 * kiosk checks every field again and refuses the item ({@code cannot-apply}) if one is wrong;
 * this check only keeps garbage off every kiosk's stream.
 */
final class CatalogCheck {
    static final String FORMAT = "jinban-catalog";
    static final int FORMAT_VERSION = 1;
    private static final Pattern ITEM_CODE = Pattern.compile("[A-Z0-9-]{3,40}");
    private static final Pattern GROUP_CODE = Pattern.compile("[a-z0-9-]{2,40}");
    /** Enough to fix a document by; the rest would only repeat them. */
    private static final int MAX_PROBLEMS = 5;

    private CatalogCheck() {
    }

    /** What is wrong with {@code doc}, at most a few problems; empty if it may be published. */
    static List<String> problems(JsonNode doc) {
        List<String> problems = new ArrayList<>();
        if (!doc.isObject()) {
            return List.of("the catalog must be a JSON object");
        }
        if (!FORMAT.equals(doc.path("format").asText(null))) {
            problems.add("format: must be \"" + FORMAT + "\"");
        }
        if (!doc.path("formatVersion").isIntegralNumber() || doc.path("formatVersion").asLong() != FORMAT_VERSION) {
            problems.add("formatVersion: must be " + FORMAT_VERSION);
        }
        if (version(doc) < 1) {
            problems.add("version: must be a positive integer");
        }
        try {
            OffsetDateTime.parse(doc.path("issuedAt").asText(""));
        } catch (DateTimeParseException e) {
            problems.add("issuedAt: must be an ISO 8601 date-time with offset");
        }
        Set<String> departments = groupCodes(doc, "departments", problems);
        Set<String> lifeEvents = groupCodes(doc, "lifeEvents", problems);
        JsonNode synonyms = doc.path("synonyms");
        if (!synonyms.isMissingNode() && !synonyms.isArray()) {
            problems.add("synonyms: must be an array of word groups");
        }
        JsonNode items = doc.path("items");
        if (!items.isArray() || items.isEmpty()) {
            problems.add("items: must be a non-empty array");
        } else {
            checkItems(items, departments, lifeEvents, problems);
        }
        return problems.size() > MAX_PROBLEMS ? List.copyOf(problems.subList(0, MAX_PROBLEMS)) : problems;
    }

    /** The document's version, or 0 if it has no integral one. */
    static long version(JsonNode doc) {
        JsonNode v = doc.path("version");
        return v.isIntegralNumber() && v.canConvertToLong() ? v.asLong() : 0;
    }

    private static Set<String> groupCodes(JsonNode doc, String field, List<String> problems) {
        Set<String> codes = new HashSet<>();
        JsonNode groups = doc.path(field);
        if (!groups.isArray()) {
            problems.add(field + ": must be an array");
            return codes;
        }
        for (int i = 0; i < groups.size(); i++) {
            String code = groups.get(i).path("code").asText(null);
            if (code == null || !GROUP_CODE.matcher(code).matches()) {
                problems.add(field + "[" + i + "].code: must be 2 to 40 of a-z, 0-9, '-'");
            } else if (!codes.add(code)) {
                problems.add(field + "[" + i + "].code: '" + code + "' is given twice");
            }
        }
        return codes;
    }

    private static void checkItems(JsonNode items, Set<String> departments, Set<String> lifeEvents,
                                   List<String> problems) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < items.size() && problems.size() <= MAX_PROBLEMS; i++) {
            JsonNode item = items.get(i);
            String where = "items[" + i + "]";
            if (!item.isObject()) {
                problems.add(where + ": must be an object");
                continue;
            }
            String code = item.path("code").asText(null);
            if (code == null || !item.get("code").isTextual() || !ITEM_CODE.matcher(code).matches()) {
                problems.add(where + ".code: must be 3 to 40 of A-Z, 0-9, '-'");
                continue;
            }
            where += " " + code;
            if (!codes.add(code)) {
                problems.add(where + ": the code is given twice");
            }
            if (!departments.contains(item.path("competentAuthority").asText(""))) {
                problems.add(where + ".competentAuthority: must be one of the departments' codes");
            }
            JsonNode events = item.path("lifeEvents");
            if (!events.isArray() || events.isEmpty()) {
                problems.add(where + ".lifeEvents: must be a non-empty array of life event codes");
            } else {
                for (JsonNode e : events) {
                    if (!lifeEvents.contains(e.asText(""))) {
                        problems.add(where + ".lifeEvents: '" + e.asText() + "' is not a life event's code");
                        break;
                    }
                }
            }
        }
    }
}
