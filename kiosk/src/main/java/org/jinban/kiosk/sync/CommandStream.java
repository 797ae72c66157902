package org.jinban.kiosk.sync;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.appeal.AppealStore;
import org.jinban.kiosk.store.Database;
import org.jinban.sync.protocol.CommandSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the central platform's {@code command} stream (docs/sync-protocol.md, Remote
 * commands). A command is refused, and audited with the reason, when the kiosk holds no hub key,
 * the Ed25519 signature is not the hub's, it names another kiosk, it was already executed, it
 * has expired by the kiosk's clock, or its action is unknown. A refusal is an applied item, not
 * a skip: the cursor moves past it in the transaction of its audit record.
 *
 * <p><b>At most once.</b> An accepted command is written to {@code executed_command}, audited
 * and its cursor stored in one transaction; only after that commit does its side effect run, on
 * a thread of its own (a restart must not run on the sync client's thread, which it closes). A
 * crash between the commit and the side effect loses that one effect: after the restart the
 * cursor is past the command, and were it delivered again its id is in {@code executed_command}
 * and it is refused as already executed. So a {@code restart-service} can never restart the
 * kiosk twice, in a loop or otherwise; the price is that an effect cut short by a crash is not
 * retried by the kiosk. The audit then shows {@code command.accepted} without its
 * {@code command.executed}, and {@code executed_command.outcome} stays {@code started}: the
 * operator sends a new command.
 *
 * <p><b>refresh-catalog</b> sets the {@code catalog} cursor to 0 in the command's transaction
 * and, after the commit, has the catalog reread what it keeps in memory. Cursor 0 asks the
 * platform for the stream from its first item: at the next hello (or as soon as the hub delivers
 * a catalog item: the kiosk answers cursor 0 and the hub resends from there), and a stream that
 * starts again begins with a snapshot (the platform rebuilds it when it no longer holds item 1),
 * which is imported whole whatever version the kiosk holds. It is the protocol's own way to take
 * a stream afresh, needs no new message type, and survives a crash as the command's record does.
 */
public final class CommandStream {
    public static final String STREAM = "command";
    public static final String KIND = "command";
    public static final String REFRESH_CATALOG = "refresh-catalog";
    public static final String PRINT_TEST_PAGE = "print-test-page";
    public static final String RESTART_SERVICE = "restart-service";
    public static final String PURGE_PERSONAL_DATA = "purge-personal-data";
    public static final Set<String> ACTIONS = Set.of(REFRESH_CATALOG, PRINT_TEST_PAGE, RESTART_SERVICE,
            PURGE_PERSONAL_DATA);
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Logger LOG = LoggerFactory.getLogger(CommandStream.class);

    private final Database db;
    private final AppealStore audit;
    private final Optional<PublicKey> hubKey;
    private final String kioskId;
    private final Effects effects;
    private final Executor executor;
    private final ObjectMapper json;
    private final Clock clock;

    /**
     * What the commands do once accepted and committed.
     *
     * @param reloadCatalog     rereads what the catalog search keeps in memory
     * @param printTestPage     prints the printer's test page; empty when printed, else why not
     * @param restarter         closes the kiosk and exits so that systemd starts it again
     * @param purgeAcknowledged purges the personal data of every appeal the centre acknowledged
     */
    public record Effects(Runnable reloadCatalog, Supplier<Optional<String>> printTestPage, Restarter restarter,
                          IntSupplier purgeAcknowledged) {
    }

    /** A command as accepted: what runs after the commit. */
    private record Accepted(String commandId, String action, long seq) {
    }

    public CommandStream(Database db, AppealStore audit, Optional<PublicKey> hubKey, String kioskId, Effects effects,
                         Executor executor, ObjectMapper json, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.hubKey = hubKey;
        this.kioskId = kioskId;
        this.effects = effects;
        this.executor = executor;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Applies one command item, and the cursor {@code seq} with it: accepted (its effect then
     * runs on the executor) or refused; either way audited. Never throws for a bad command.
     *
     * @return whether the command was accepted
     */
    public boolean apply(long seq, String kind, String bodyJson) {
        Instant now = clock.instant();
        JsonNode body = readBody(bodyJson);
        String commandId = body == null ? null : textOrNull(body, "commandId");
        String subject = commandId != null && UUID.matcher(commandId).matches() ? commandId : null;
        String action = body == null ? null : textOrNull(body, "action");
        String reason = !KIND.equals(kind) ? "not a command item (" + kind + ")" : problem(body, subject, action, now);
        String refusal = reason;
        Optional<Accepted> accepted = db.inTransaction("apply remote command " + STREAM + "/" + seq, c -> {
            String why = refusal == null && executed(c, subject) ? "already executed" : refusal;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("seq", seq);
            detail.put("action", action != null && ACTIONS.contains(action) ? action : null);
            SyncCursors.advance(c, STREAM, seq);
            if (why != null) {
                detail.put("reason", why);
                audit.audit(c, "central", "command.refused", subject, detail, now);
                return Optional.empty();
            }
            record(c, subject, now);
            if (REFRESH_CATALOG.equals(action)) {
                SyncCursors.advance(c, CatalogStream.STREAM, 0);
            }
            audit.audit(c, "central", "command.accepted", subject, detail, now);
            return Optional.of(new Accepted(subject, action, seq));
        });
        if (accepted.isEmpty()) {
            LOG.warn("sync: refused remote command {} (item {}): {}", subject, seq,
                    refusal == null ? "already executed" : refusal);
            return false;
        }
        LOG.info("sync: accepted remote command {} ({}), item {}", subject, action, seq);
        executor.execute(() -> execute(accepted.get()));
        return true;
    }

    /** Why the command must be refused, or null; the checks that need no database. */
    private String problem(JsonNode body, String commandId, String action, Instant now) {
        if (body == null || !body.isObject()) {
            return "the body is not a JSON object";
        }
        if (commandId == null) {
            return "commandId is missing or not a UUID";
        }
        if (hubKey.isEmpty()) {
            return "no hub key (sync.hub-public-key is not set)";
        }
        if (!CommandSignature.verify(hubKey.get(), body)) {
            return "bad signature";
        }
        if (!kioskId.equals(textOrNull(body, "kioskId"))) {
            return "for another kiosk";
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(String.valueOf(textOrNull(body, "expiresAt")));
        } catch (DateTimeParseException e) {
            return "expiresAt is not an instant";
        }
        if (!now.isBefore(expiresAt)) {
            return "expired at " + expiresAt + " (kiosk clock " + now + ")";
        }
        if (action == null || !ACTIONS.contains(action)) {
            return "unknown action";
        }
        return null;
    }

    private void execute(Accepted a) {
        String outcome;
        try {
            outcome = switch (a.action()) {
                case REFRESH_CATALOG -> {
                    effects.reloadCatalog().run();
                    yield "catalog reloaded; the catalog stream is taken again from its first item";
                }
                case PRINT_TEST_PAGE -> effects.printTestPage().get().map(why -> "not printed: " + why)
                        .orElse("printed");
                case PURGE_PERSONAL_DATA -> "purged the personal data of " + effects.purgeAcknowledged().getAsInt()
                        + " acknowledged appeals; appeals the centre has not acknowledged keep theirs, as it has"
                        + " not reached the centre yet";
                case RESTART_SERVICE -> "restarting (exit status " + Restarter.EXIT_STATUS + ")";
                default -> throw new IllegalStateException("an accepted command has a known action");
            };
        } catch (RuntimeException e) {
            LOG.error("sync: remote command {} ({}) failed", a.commandId(), a.action(), e);
            outcome = "failed: " + e.getClass().getSimpleName();
        }
        finish(a, outcome);
        if (RESTART_SERVICE.equals(a.action())) {
            // recorded and audited first: after this nothing more of this process runs
            effects.restarter().restart();
        }
    }

    private void finish(Accepted a, String outcome) {
        db.inTransaction("record the outcome of remote command " + a.commandId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE executed_command SET outcome = ? WHERE id = ?")) {
                ps.setString(1, outcome);
                ps.setString(2, a.commandId());
                ps.executeUpdate();
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("seq", a.seq());
            detail.put("action", a.action());
            detail.put("outcome", outcome);
            audit.audit(c, "central", "command.executed", a.commandId(), detail, clock.instant());
            return null;
        });
        LOG.info("sync: remote command {} ({}): {}", a.commandId(), a.action(), outcome);
    }

    /** The outcome recorded for {@code commandId}, if it was accepted here. */
    public Optional<String> outcome(String commandId) {
        return db.read("read an executed command", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT outcome FROM executed_command WHERE id = ?")) {
                ps.setString(1, commandId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private static boolean executed(Connection c, String commandId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM executed_command WHERE id = ?")) {
            ps.setString(1, commandId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void record(Connection c, String commandId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO executed_command (id, executed_at, outcome) VALUES (?, ?, 'started')")) {
            ps.setString(1, commandId);
            ps.setString(2, at.toString());
            ps.executeUpdate();
        }
    }

    private JsonNode readBody(String bodyJson) {
        try {
            return json.readTree(bodyJson);
        } catch (Exception e) {
            return null;
        }
    }

    private static String textOrNull(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.isTextual() ? n.textValue() : null;
    }
}
