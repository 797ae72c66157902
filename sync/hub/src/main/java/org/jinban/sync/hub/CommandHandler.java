package org.jinban.sync.hub;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jinban.sync.protocol.Streams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote commands at the hub (docs/sync-protocol.md, "Commands at the hub"): {@code GET
 * /admin/v1/hub-key} shows the public key kiosks check commands with, and {@code POST
 * /admin/v1/kiosks/{id}/commands} signs a command with the hub key, appends it to the kiosk's
 * {@code command} stream and pushes it at once if the kiosk is connected. Loopback callers only.
 */
final class CommandHandler extends JsonHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
    static final String HUB_KEY = AdminHandler.PREFIX + "/hub-key";
    private static final Pattern COMMANDS = Pattern.compile(AdminHandler.PREFIX + "/kiosks/([^/]+)/commands");
    static final List<String> ACTIONS =
            List.of("refresh-catalog", "print-test-page", "restart-service", "purge-personal-data");
    static final long DEFAULT_TTL_SECONDS = 300;
    static final long MAX_TTL_SECONDS = 86_400;

    private final HubStore store;
    private final ConnectedKiosks connected;
    private final HubKey key;
    private final Clock clock;

    CommandHandler(JsonExchange http, HubStore store, ConnectedKiosks connected, HubKey key, Clock clock) {
        super(http);
        this.store = store;
        this.connected = connected;
        this.key = key;
        this.clock = clock;
    }

    @Override
    boolean owns(String path) {
        return path.equals(HUB_KEY) || COMMANDS.matcher(path).matches();
    }

    @Override
    void route(Request request, Response response, Callback callback, String path) {
        JsonExchange.requireLoopback(request);
        Matcher m = COMMANDS.matcher(path);
        if (path.equals(HUB_KEY) && request.getMethod().equals("GET")) {
            http.write(response, callback, 200, http.json().createObjectNode().put("publicKey", key.publicKeyBase64()));
        } else if (m.matches() && request.getMethod().equals("POST")) {
            send(m.group(1), http.body(request), response, callback);
        } else {
            throw notAllowed(request, path);
        }
    }

    private void send(String kioskId, JsonNode body, Response response, Callback callback) {
        String action = JsonExchange.text(body, "action");
        if (!ACTIONS.contains(action)) {
            throw HttpProblem.invalid("action: one of " + ACTIONS);
        }
        JsonNode args = body.get("args");
        if (args != null && !args.isNull() && !args.isObject()) {
            throw HttpProblem.invalid("args: must be an object");
        }
        long ttl = JsonExchange.integer(body, "ttlSeconds", DEFAULT_TTL_SECONDS, 1, MAX_TTL_SECONDS);
        Optional<HubStore.KioskRow> kiosk = store.kiosks().stream().filter(k -> k.kioskId().equals(kioskId)).findFirst();
        if (kiosk.isEmpty()) {
            throw new HttpProblem(404, "no-such-kiosk", "no kiosk " + kioskId);
        }
        if (kiosk.get().revoked()) {
            throw new HttpProblem(409, "kiosk-revoked", "kiosk " + kioskId + " is revoked; it takes no commands");
        }
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode command = http.json().createObjectNode()
                .put("commandId", UUID.randomUUID().toString())
                .put("kioskId", kioskId)
                .put("action", action);
        command.set("args", args == null || args.isNull() ? http.json().createObjectNode() : args.deepCopy());
        command.put("issuedAt", issuedAt.toString()).put("expiresAt", issuedAt.plusSeconds(ttl).toString());
        key.sign(command);
        long seq = store.appendItem(kioskId, Streams.COMMAND, Streams.KIND_COMMAND, command);
        connected.get(kioskId).ifPresent(s -> s.itemAdded(Streams.COMMAND));
        LOG.info("command {} {} for kiosk {} at seq {}", command.get("commandId").asText(), action, kioskId, seq);
        http.write(response, callback, 201, http.json().createObjectNode()
                .put("commandId", command.get("commandId").asText())
                .put("kioskId", kioskId)
                .put("seq", seq)
                .put("expiresAt", command.get("expiresAt").asText()));
    }
}
