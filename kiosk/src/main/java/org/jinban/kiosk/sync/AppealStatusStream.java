package org.jinban.kiosk.sync;

import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.appeal.AppealStatus;
import org.jinban.kiosk.appeal.AppealStore;
import org.jinban.kiosk.appeal.StoredAppeal;
import org.jinban.kiosk.catalog.HandlingLevel;

/**
 * Applies the central platform's {@code appeal.status} items (docs/sync-protocol.md) to the
 * appeals this kiosk holds, each in one transaction with the stream's cursor. What cannot be
 * applied is refused with a reason; the caller passes over it so one bad item never stops the
 * stream.
 */
public final class AppealStatusStream {
    public static final String STREAM = "appeal-status";

    private final AppealStore appeals;
    private final SyncCursors cursors;
    private final ObjectMapper json;
    private final Clock clock;

    public AppealStatusStream(AppealStore appeals, SyncCursors cursors, ObjectMapper json, Clock clock) {
        this.appeals = appeals;
        this.cursors = cursors;
        this.json = json;
        this.clock = clock;
    }

    /** Why an item cannot be applied. */
    public static final class CannotApply extends RuntimeException {
        public CannotApply(String reason) {
            super(reason);
        }
    }

    /**
     * Applies one item, and the cursor {@code seq} with it.
     *
     * @return false if the appeal was already finished (closed or rejected): nothing changed but
     *         the cursor
     * @throws CannotApply for an item that does not make sense here
     */
    public boolean apply(long seq, String bodyJson) {
        JsonNode body;
        try {
            body = json.readTree(bodyJson);
        } catch (Exception e) {
            throw new CannotApply("the body is not JSON");
        }
        String appealId = text(body, "appealId");
        if (appealId == null) {
            throw new CannotApply("appealId is missing");
        }
        AppealStatus status;
        try {
            status = AppealStatus.valueOf(String.valueOf(text(body, "status")));
        } catch (IllegalArgumentException e) {
            throw new CannotApply("status is not one of the known statuses");
        }
        String level = text(body, "handlingLevel");
        if (level != null) {
            try {
                HandlingLevel.valueOf(level);
            } catch (IllegalArgumentException e) {
                throw new CannotApply("handlingLevel is not a known level");
            }
        }
        if (status == AppealStatus.SUBMITTED) {
            throw new CannotApply("an appeal does not go back to SUBMITTED");
        }
        StoredAppeal appeal = appeals.byId(appealId).orElseThrow(() -> new CannotApply("no such appeal here"));
        if (appeal.status().terminal()) {
            cursors.skip(STREAM, seq);
            return false;
        }
        Instant at = clock.instant();
        appeals.changeStatus(appealId, new StoredAppeal.Event(status, at, level, text(body, "department"),
                text(body, "reason"), text(body, "reply")), "central", c -> {
                    SyncCursors.advance(c, STREAM, seq);
                    return null;
                });
        return true;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() || !n.isTextual() || n.asText().isBlank() ? null : n.asText();
    }
}
