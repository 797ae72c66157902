package org.jinban.kiosk.sync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.appeal.AppealStore;
import org.jinban.kiosk.settings.CentralSettingsStore;
import org.jinban.kiosk.settings.EffectiveSettings;
import org.jinban.kiosk.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the central platform's {@code config} stream (docs/sync-protocol.md): each
 * {@code config.snapshot} {@code {"values": {...}}} replaces the central values held. Every
 * value is checked first (only {@link EffectiveSettings#CENTRAL_KEYS}, strings, and what the
 * local configuration's own rules allow); one wrong value refuses the whole snapshot. The values
 * are stored in one transaction with the stream's cursor and take effect once it commits,
 * without a restart. A key a later snapshot leaves out falls back to the local configuration.
 */
public final class ConfigStream {
    public static final String STREAM = "config";
    public static final String SNAPSHOT = "config.snapshot";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigStream.class);

    private final Database db;
    private final CentralSettingsStore store;
    private final EffectiveSettings settings;
    private final AppealStore audit;
    private final ObjectMapper json;
    private final Clock clock;

    public ConfigStream(Database db, CentralSettingsStore store, EffectiveSettings settings, AppealStore audit,
                        ObjectMapper json, Clock clock) {
        this.db = db;
        this.store = store;
        this.settings = settings;
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
            throw new AppealStatusStream.CannotApply("the config stream has no kind " + kind);
        }
        Map<String, String> values = parse(bodyJson);
        EffectiveSettings.Effective next;
        try {
            next = settings.check(values);
        } catch (EffectiveSettings.InvalidCentralValue e) {
            throw new AppealStatusStream.CannotApply(e.getMessage());
        }
        db.inTransaction("apply config snapshot " + STREAM + "/" + seq, c -> {
            store.replace(c, values);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("seq", seq);
            detail.put("keys", new ArrayList<>(new TreeSet<>(values.keySet())));
            audit.audit(c, "central", "settings.central-applied", null, detail, clock.instant());
            SyncCursors.advance(c, STREAM, seq);
            return null;
        });
        settings.use(next);
        LOG.info("settings: config snapshot {} applied; the centre sets {}", seq, new TreeSet<>(values.keySet()));
    }

    private Map<String, String> parse(String bodyJson) {
        JsonNode body;
        try {
            body = json.readTree(bodyJson);
        } catch (Exception e) {
            throw new AppealStatusStream.CannotApply("the body is not JSON");
        }
        JsonNode values = body == null ? null : body.get("values");
        if (values == null || !values.isObject()) {
            throw new AppealStatusStream.CannotApply("values must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        values.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual()
                ? e.getValue().textValue() : null));
        return out;
    }
}
