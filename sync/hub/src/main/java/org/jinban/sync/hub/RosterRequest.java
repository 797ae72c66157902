package org.jinban.sync.hub;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /admin/v1/roster}'s body turned into a {@code roster.snapshot} body: each PIN
 * checked and replaced by its hash ({@link PinHashes}). A refusal names the field, never the
 * PIN's value.
 */
final class RosterRequest {
    /** As a staff badge's QR code carries it on the kiosk ({@code JBSTAFF:<id>}). */
    private static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9-]{1,32}");
    private static final Pattern PIN = Pattern.compile("[0-9]{4,8}");
    static final int MAX_STAFF = 1_000;

    private RosterRequest() {
    }

    /** The snapshot body {@code {"staff": [{"id", "name", "pinHash", "active"}]}}. */
    static ObjectNode snapshot(JsonNode body) {
        JsonNode staff = body.get("staff");
        if (staff == null || !staff.isArray()) {
            throw invalid("staff: must be an array");
        }
        if (staff.size() > MAX_STAFF) {
            throw invalid("staff: at most " + MAX_STAFF + " members");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < staff.size(); i++) {
            check(staff.get(i), "staff[" + i + "]", ids);
        }
        ObjectNode snapshot = JsonNodeFactory.instance.objectNode();
        ArrayNode out = snapshot.putArray("staff");
        for (JsonNode member : staff) {
            out.addObject()
                    .put("id", member.get("id").asText())
                    .put("name", member.get("name").asText())
                    .put("pinHash", PinHashes.hash(member.get("pin").asText()))
                    .put("active", member.get("active").asBoolean());
        }
        return snapshot;
    }

    private static void check(JsonNode member, String where, Set<String> ids) {
        if (!member.isObject()) {
            throw invalid(where + ": must be an object");
        }
        JsonNode id = member.get("id");
        if (id == null || !id.isTextual() || !STAFF_ID.matcher(id.asText()).matches()) {
            throw invalid(where + ".id: 1 to 32 letters, digits or '-'");
        }
        if (!ids.add(id.asText())) {
            throw invalid(where + ".id: '" + id.asText() + "' is given twice");
        }
        JsonNode name = member.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank() || name.asText().length() > 64) {
            throw invalid(where + ".name: a non-blank string of at most 64 characters");
        }
        JsonNode pin = member.get("pin");
        if (pin == null || !pin.isTextual() || !PIN.matcher(pin.asText()).matches()) {
            throw invalid(where + ".pin: a string of 4 to 8 digits");
        }
        JsonNode active = member.get("active");
        if (active == null || !active.isBoolean()) {
            throw invalid(where + ".active: must be true or false");
        }
    }

    private static AdminHandler.AdminProblem invalid(String detail) {
        return new AdminHandler.AdminProblem(400, "invalid-request", detail);
    }
}
