package org.jinban.sync.hub;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jinban.sync.protocol.CloseCodes;
import org.jinban.sync.protocol.Streams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference hub's admin API under {@code /admin/v1} (docs/sync-protocol.md, "Reference hub
 * admin API"): enroll and revoke kiosks, list them and the appeals received, change an appeal's
 * status, publish catalog versions and the staff roster, and set a kiosk's central config; each
 * publication reaches the kiosks on their downstream streams, at once if they are connected.
 * Loopback callers only; errors are RFC 9457 problem+json. Never logs a body: a roster carries
 * PINs. Runs on Jetty's (virtual) worker threads.
 */
final class AdminHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    static final String PREFIX = "/admin/v1";
    private static final Pattern REVOKE = Pattern.compile(PREFIX + "/kiosks/([^/]+)/revoke");
    private static final Pattern STATUS = Pattern.compile(PREFIX + "/appeals/([^/]+)/status");
    private static final Pattern CONFIG = Pattern.compile(PREFIX + "/kiosks/([^/]+)/config");
    private static final Pattern KIOSK_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** The kiosk's AppealStatus values; the hub sends one of them. */
    private static final Set<String> STATUSES =
            Set.of("SUBMITTED", "RECEIVED", "DISPATCHED", "IN_PROGRESS", "RESOLVED", "CLOSED", "REJECTED");

    private final HubStore store;
    private final ConnectedKiosks connected;
    private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    AdminHandler(HubStore store, ConnectedKiosks connected) {
        this.store = store;
        this.connected = connected;
    }

    /** An admin call that cannot be done, answered as problem+json. */
    static final class AdminProblem extends RuntimeException {
        final int status;
        final String type;

        AdminProblem(int status, String type, String detail) {
            super(detail);
            this.status = status;
            this.type = type;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX + "/") && !path.equals(PREFIX)) {
            return false;
        }
        try {
            if (!isLoopback(Request.getRemoteAddr(request))) {
                throw new AdminProblem(403, "forbidden", "the admin API answers loopback callers only");
            }
            route(request, response, callback, path);
        } catch (AdminProblem p) {
            problem(response, callback, p);
        } catch (HubException e) {
            LOG.error("admin call {} {} failed", request.getMethod(), path, e);
            problem(response, callback, new AdminProblem(500, "internal-error", "the hub could not answer"));
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback, String path) {
        String method = request.getMethod();
        Matcher m;
        if (path.equals(PREFIX + "/kiosks") && method.equals("POST")) {
            enroll(body(request), response, callback);
        } else if (path.equals(PREFIX + "/kiosks") && method.equals("GET")) {
            listKiosks(response, callback);
        } else if ((m = REVOKE.matcher(path)).matches() && method.equals("POST")) {
            revoke(m.group(1), response, callback);
        } else if (path.equals(PREFIX + "/appeals") && method.equals("GET")) {
            listAppeals(response, callback);
        } else if ((m = STATUS.matcher(path)).matches() && method.equals("POST")) {
            changeStatus(m.group(1), body(request), response, callback);
        } else if (path.equals(PREFIX + "/catalog") && method.equals("POST")) {
            publishCatalog(body(request), response, callback);
        } else if (path.equals(PREFIX + "/roster") && method.equals("POST")) {
            publishRoster(body(request), response, callback);
        } else if ((m = CONFIG.matcher(path)).matches() && method.equals("POST")) {
            setConfig(m.group(1), body(request), response, callback);
        } else {
            throw new AdminProblem(404, "no-such-resource", method + " " + path + " is not an admin call");
        }
    }

    private void enroll(JsonNode body, Response response, Callback callback) {
        String kioskId = text(body, "kioskId", true);
        if (!KIOSK_ID.matcher(kioskId).matches()) {
            throw new AdminProblem(400, "invalid-request", "kioskId: letters, digits and '-' only, at most 64");
        }
        String credential = store.enroll(kioskId).orElseThrow(() ->
                new AdminProblem(409, "kiosk-exists", "kiosk " + kioskId + " is already enrolled"));
        LOG.info("enrolled kiosk {}", kioskId);
        write(response, callback, 201, json.createObjectNode().put("kioskId", kioskId).put("credential", credential));
    }

    private void revoke(String kioskId, Response response, Callback callback) {
        if (!store.revoke(kioskId)) {
            throw new AdminProblem(404, "no-such-kiosk", "no kiosk " + kioskId);
        }
        connected.get(kioskId).ifPresent(s -> s.close(CloseCodes.UNAUTHORIZED, "revoked"));
        LOG.info("revoked kiosk {}", kioskId);
        write(response, callback, 200, json.createObjectNode().put("kioskId", kioskId).put("revoked", true));
    }

    private void listKiosks(Response response, Callback callback) {
        ArrayNode list = json.createArrayNode();
        for (HubStore.KioskRow k : store.kiosks()) {
            ObjectNode o = list.addObject();
            o.put("kioskId", k.kioskId());
            o.put("connected", connected.isConnected(k.kioskId()));
            o.put("revoked", k.revoked());
            o.put("lastContactAt", text(k.lastContactAt()));
            o.put("queue", k.queue());
            o.put("oldestUnsentSeconds", k.oldestUnsentSeconds());
            o.put("publicKeyFingerprint", EnrollmentKeys.shortFingerprint(k.publicKey()));
        }
        write(response, callback, 200, list);
    }

    private void listAppeals(Response response, Callback callback) {
        ArrayNode list = json.createArrayNode();
        for (HubStore.AppealRow a : store.appeals()) {
            list.addObject().put("id", a.id()).put("trackingNo", a.trackingNo()).put("kioskId", a.kioskId())
                    .put("status", a.status()).put("receivedAt", text(a.receivedAt()))
                    .put("rating", a.rating()).put("followUp", a.followUp());
        }
        write(response, callback, 200, list);
    }

    private void changeStatus(String trackingNo, JsonNode body, Response response, Callback callback) {
        String status = text(body, "status", true);
        if (!STATUSES.contains(status)) {
            throw new AdminProblem(400, "invalid-request", "status: one of " + STATUSES);
        }
        HubStore.StatusChange change = new HubStore.StatusChange(status, text(body, "handlingLevel", false),
                text(body, "department", false), text(body, "reason", false), text(body, "reply", false));
        HubStore.StatusItem item = store.changeStatus(trackingNo, change).orElseThrow(() ->
                new AdminProblem(404, "no-such-appeal", "no appeal " + trackingNo));
        connected.get(item.kioskId()).ifPresent(s -> s.itemAdded(Streams.APPEAL_STATUS));
        write(response, callback, 200, json.createObjectNode().put("trackingNo", trackingNo)
                .put("kioskId", item.kioskId()).put("stream", Streams.APPEAL_STATUS).put("seq", item.seq()));
    }

    private void publishCatalog(JsonNode body, Response response, Callback callback) {
        List<String> problems = CatalogCheck.problems(body);
        if (!problems.isEmpty()) {
            throw new AdminProblem(400, "invalid-request", String.join("; ", problems));
        }
        ObjectNode document = (ObjectNode) body;
        long version = CatalogCheck.version(document);
        List<StreamStore.Appended> appended;
        try {
            appended = store.streams().publishCatalog(document).orElseThrow(() ->
                    new AdminProblem(409, "catalog-version", "version " + version
                            + " is not newer than the last published, " + store.streams().latestCatalogVersion()));
        } catch (StreamStore.CatalogTooLarge e) {
            throw new AdminProblem(400, "invalid-request", e.getMessage());
        }
        pushed(appended, Streams.CATALOG);
        LOG.info("published catalog version {} to {} kiosks", version, appended.size());
        ObjectNode answer = json.createObjectNode().put("version", version);
        ArrayNode kiosks = answer.putArray("kiosks");
        appended.forEach(a -> kiosks.addObject().put("kioskId", a.kioskId()).put("seq", a.seq()).put("kind", a.kind())
                .put("items", a.items()));
        write(response, callback, 201, answer);
    }

    private void publishRoster(JsonNode body, Response response, Callback callback) {
        ObjectNode snapshot = RosterRequest.snapshot(body);
        List<StreamStore.Appended> appended = store.streams().publishRoster(snapshot);
        pushed(appended, Streams.ROSTER);
        LOG.info("published a roster of {} staff to {} kiosks", snapshot.get("staff").size(), appended.size());
        ObjectNode answer = json.createObjectNode();
        ArrayNode kiosks = answer.putArray("kiosks");
        appended.forEach(a -> kiosks.addObject().put("kioskId", a.kioskId()).put("seq", a.seq()));
        write(response, callback, 201, answer);
    }

    private void setConfig(String kioskId, JsonNode body, Response response, Callback callback) {
        HubStore.KioskRow kiosk = store.kiosk(kioskId).orElseThrow(() ->
                new AdminProblem(404, "no-such-kiosk", "no kiosk " + kioskId));
        if (kiosk.revoked()) {
            throw new AdminProblem(409, "kiosk-revoked", "kiosk " + kioskId + " is revoked");
        }
        ObjectNode snapshot = ConfigValues.snapshot(body);
        long seq = store.streams().setConfig(kioskId, snapshot).orElseThrow(() ->
                new AdminProblem(409, "kiosk-revoked", "kiosk " + kioskId + " is revoked"));
        pushed(List.of(new StreamStore.Appended(kioskId, seq, Streams.KIND_CONFIG_SNAPSHOT, 1)), Streams.CONFIG);
        LOG.info("set the central config of kiosk {} ({} keys)", kioskId, snapshot.get("values").size());
        write(response, callback, 201, json.createObjectNode().put("kioskId", kioskId).put("seq", seq));
    }

    /** Sends what was appended at once to the kiosks that are connected. */
    private void pushed(List<StreamStore.Appended> appended, String stream) {
        appended.forEach(a -> connected.get(a.kioskId()).ifPresent(s -> s.itemAdded(stream)));
    }

    private JsonNode body(Request request) {
        try {
            String text = Content.Source.asString(request, StandardCharsets.UTF_8);
            JsonNode node = json.readTree(text == null ? "" : text);
            if (node == null || !node.isObject()) {
                throw new AdminProblem(400, "invalid-request", "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new AdminProblem(400, "invalid-request", "the body is not JSON, or gives a key twice");
        } catch (java.io.IOException e) {
            throw new AdminProblem(400, "invalid-request", "the body could not be read");
        }
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new AdminProblem(400, "invalid-request", field + ": required");
            }
            return null;
        }
        if (!n.isTextual() || (required && n.asText().isBlank())) {
            throw new AdminProblem(400, "invalid-request", field + ": must be a string");
        }
        return n.asText();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void problem(Response response, Callback callback, AdminProblem p) {
        ObjectNode body = json.createObjectNode()
                .put("type", "https://jinban.org/problems/" + p.type)
                .put("title", p.type.replace('-', ' '))
                .put("status", p.status)
                .put("detail", p.getMessage());
        send(response, callback, p.status, "application/problem+json", body);
    }

    private void write(Response response, Callback callback, int status, JsonNode body) {
        send(response, callback, status, "application/json", body);
    }

    private void send(Response response, Callback callback, int status, String type, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
        Content.Sink.write(response, true, body.toString(), callback);
    }
}
