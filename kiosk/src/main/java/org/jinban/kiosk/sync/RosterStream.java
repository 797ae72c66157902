package org.jinban.kiosk.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.appeal.AppealStore;
import org.jinban.kiosk.staff.PinHasher;
import org.jinban.kiosk.staff.StaffSessions;
import org.jinban.kiosk.staff.StaffStore;
import org.jinban.kiosk.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the central platform's {@code roster} stream (docs/sync-protocol.md): each
 * {@code roster.snapshot} {@code {"staff": [{"id", "name", "pinHash", "active"}]}} replaces the
 * kiosk's whole staff roster, in one transaction with the stream's cursor. The snapshot is
 * checked whole first: one bad member refuses all of it, and the roster held stays as it was.
 *
 * <p>A member the snapshot drops or makes inactive can no longer log in, and their open staff
 * session ends once the roster is committed. A member who stays keeps their count of wrong PINs
 * and their lock. Once a central roster is applied the demo badges are never seeded again.
 */
public final class RosterStream {
    public static final String STREAM = "roster";
    public static final String SNAPSHOT = "roster.snapshot";
    /** As the badge QR ({@code JBSTAFF:<id>}) allows; an id no badge can carry is refused. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,32}");
    private static final int MAX_NAME = 64;
    private static final Logger LOG = LoggerFactory.getLogger(RosterStream.class);

    private final Database db;
    private final StaffStore staff;
    private final StaffSessions sessions;
    private final AppealStore audit;
    private final ObjectMapper json;
    private final Clock clock;

    public RosterStream(Database db, StaffStore staff, StaffSessions sessions, AppealStore audit, ObjectMapper json,
                        Clock clock) {
        this.db = db;
        this.staff = staff;
        this.sessions = sessions;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Applies one snapshot, and the cursor {@code seq} with it.
     *
     * @throws AppealStatusStream.CannotApply for a snapshot that cannot be applied; nothing changed
     */
    public void apply(long seq, String kind, String bodyJson) {
        if (!SNAPSHOT.equals(kind)) {
            throw new AppealStatusStream.CannotApply("the roster stream has no kind " + kind);
        }
        List<StaffStore.RosterMember> roster = parse(bodyJson);
        Set<String> active = new HashSet<>();
        roster.stream().filter(StaffStore.RosterMember::active).forEach(m -> active.add(m.id()));
        int removed = db.inTransaction("apply roster snapshot " + STREAM + "/" + seq, c -> {
            int gone = staff.replaceRoster(c, roster, seq);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("seq", seq);
            detail.put("members", roster.size());
            detail.put("active", active.size());
            detail.put("removed", gone);
            audit.audit(c, "central", "staff.roster-applied", null, detail, clock.instant());
            SyncCursors.advance(c, STREAM, seq);
            return gone;
        });
        // after the commit: a session must not end for a roster that was rolled back
        int ended = sessions.closeUnless(active::contains);
        LOG.info("staff: roster {} applied: {} members ({} active), {} removed, {} sessions ended", seq,
                roster.size(), active.size(), removed, ended);
    }

    private List<StaffStore.RosterMember> parse(String bodyJson) {
        JsonNode body;
        try {
            body = json.readTree(bodyJson);
        } catch (Exception e) {
            throw new AppealStatusStream.CannotApply("the body is not JSON");
        }
        JsonNode list = body == null ? null : body.get("staff");
        if (list == null || !list.isArray()) {
            throw new AppealStatusStream.CannotApply("staff must be an array");
        }
        List<StaffStore.RosterMember> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            String where = "staff[" + i + "]";
            if (!m.isObject()) {
                throw new AppealStatusStream.CannotApply(where + " must be an object");
            }
            String id = m.path("id").isTextual() ? m.get("id").textValue() : null;
            if (id == null || !ID.matcher(id).matches()) {
                throw new AppealStatusStream.CannotApply(where + ".id must be 1 to 32 letters, digits or hyphens");
            }
            if (!ids.add(id)) {
                throw new AppealStatusStream.CannotApply(where + ".id '" + id + "' is named twice");
            }
            // the messages never quote a name or a hash: they reach the log and the audit
            String name = m.path("name").isTextual() ? m.get("name").textValue() : null;
            if (name == null || name.isBlank() || name.length() > MAX_NAME) {
                throw new AppealStatusStream.CannotApply(where + ".name must be 1 to " + MAX_NAME + " characters");
            }
            String pinHash = m.path("pinHash").isTextual() ? m.get("pinHash").textValue() : null;
            if (!PinHasher.wellFormed(pinHash)) {
                throw new AppealStatusStream.CannotApply(where + ".pinHash must be pbkdf2-sha256$<iterations>$<salt>$<hash>"
                        + " with 1000 to 2000000 iterations and a 32-byte hash");
            }
            if (!m.path("active").isBoolean()) {
                throw new AppealStatusStream.CannotApply(where + ".active must be true or false");
            }
            out.add(new StaffStore.RosterMember(id, name, pinHash, m.get("active").booleanValue()));
        }
        return out;
    }
}
