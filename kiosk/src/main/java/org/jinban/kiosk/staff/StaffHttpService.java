package org.jinban.kiosk.staff;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.devices.DeviceStatus;
import org.jinban.kiosk.appeal.AppealHttpService;
import org.jinban.kiosk.appeal.AppealRequest;
import org.jinban.kiosk.appeal.AppealService;
import org.jinban.kiosk.appeal.AppealStore;
import org.jinban.kiosk.appeal.AppealViews;
import org.jinban.kiosk.appeal.ReceiptDesk;
import org.jinban.kiosk.appeal.StoredAppeal;
import org.jinban.kiosk.audit.Verification;
import org.jinban.kiosk.http.ApiException;
import org.jinban.kiosk.http.BearerToken;
import org.jinban.kiosk.http.JsonBody;
import org.jinban.kiosk.http.Params;
import org.jinban.kiosk.privacy.Masking;

/**
 * {@code /api/v1/staff}: log in with badge and PIN, then the station's appeals, proxy filing
 * (帮办代办), reprints, device health and the audit chain. Every call but the login needs a live
 * staff session; every action is audited.
 */
public final class StaffHttpService implements HttpService {
    private final StaffAuthenticator authenticator;
    private final StaffSessions sessions;
    private final AppealService appeals;
    private final AppealStore store;
    private final AppealViews views;
    private final Supplier<Map<String, DeviceStatus>> devices;
    private final Supplier<Verification> auditCheck;
    private final Clock clock;
    private final Handler methodNotAllowed;

    public StaffHttpService(StaffAuthenticator authenticator, StaffSessions sessions, AppealService appeals,
                            AppealStore store, AppealViews views, Supplier<Map<String, DeviceStatus>> devices,
                            Supplier<Verification> auditCheck, Clock clock, Handler methodNotAllowed) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.appeals = appeals;
        this.store = store;
        this.views = views;
        this.devices = devices;
        this.auditCheck = auditCheck;
        this.clock = clock;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/session", this::login).delete("/session", this::logout).any("/session", methodNotAllowed)
                .get("/appeals", this::list).post("/appeals", this::proxyFile).any("/appeals", methodNotAllowed)
                .post("/appeals/{trackingNo}/reprint", this::reprint)
                .any("/appeals/{trackingNo}/reprint", methodNotAllowed)
                .get("/devices", this::devices).any("/devices", methodNotAllowed)
                .get("/audit", this::audit).any("/audit", methodNotAllowed);
    }

    private void login(ServerRequest req, ServerResponse res) {
        LoginRequest body = JsonBody.read(req, LoginRequest.class);
        LoginResult result = authenticator.login(body.badge(), body.pin());
        switch (result) {
            case LoginResult.Success ok -> {
                String token = sessions.open(ok.staff());
                store.audit("staff:" + ok.staff().id(), "staff.login", null, Map.of(), clock.instant());
                res.status(Status.CREATED_201);
                res.header(HeaderNames.CACHE_CONTROL, "no-store");
                res.send(Map.of("token", token, "staff", Map.of("id", ok.staff().id(),
                                "name", Masking.name(ok.staff().name())),
                        "idleSeconds", sessions.idle().toSeconds()));
            }
            case LoginResult.BadCredentials bad -> throw new ApiException(Status.UNAUTHORIZED_401,
                    "bad-credentials", "Wrong badge or PIN", "the badge or the PIN is not right", List.of())
                    .with("attemptsLeft", bad.attemptsLeft());
            case LoginResult.Locked locked -> throw new ApiException(Status.create(423, "Locked"),
                    "badge-locked", "Badge locked", "too many wrong PINs; this badge is locked for a while",
                    List.of()).with("lockedUntil", locked.until().toString());
            case LoginResult.Malformed m -> throw ApiException.invalid(List.of(
                    new ApiException.FieldError(m.field(), m.message())));
        }
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Optional<String> token = BearerToken.of(req);
        token.flatMap(sessions::touch).ifPresent(staff ->
                store.audit("staff:" + staff.id(), "staff.logout", null, Map.of(), clock.instant()));
        token.ifPresent(sessions::close);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void list(ServerRequest req, ServerResponse res) {
        StaffMember staff = staff(req);
        Params p = new Params(req.query());
        String lang = p.lang();
        String filterText = p.text("filter", 20).orElse("open");
        AppealStore.StaffFilter filter = null;
        try {
            filter = AppealStore.StaffFilter.valueOf(filterText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            p.error("filter", "must be one of unacknowledged, open, overdue, owed, all");
        }
        p.check();
        List<Map<String, Object>> list = store.list(filter, clock.instant(), 200).stream()
                .map(a -> views.forStaff(a, lang)).toList();
        store.audit("staff:" + staff.id(), "staff.list-appeals", null, Map.of("filter", filter.name()),
                clock.instant());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Map.of("appeals", list));
    }

    private void proxyFile(ServerRequest req, ServerResponse res) {
        StaffMember staff = staff(req);
        AppealRequest body = JsonBody.read(req, AppealRequest.class);
        AppealService.Filed filed = appeals.file(body, staff.id());
        AppealHttpService.sendFiled(res, filed, views);
    }

    private void reprint(ServerRequest req, ServerResponse res) {
        StaffMember staff = staff(req);
        StoredAppeal a = appeals.find(req.path().pathParameters().get("trackingNo"))
                .orElseThrow(() -> ApiException.notFound("no appeal with this tracking number"));
        ReceiptDesk.Outcome outcome = appeals.reprint(a, staff.id());
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("state", outcome.state().name());
        receipt.put("reason", outcome.reason());
        res.send(Map.of("receipt", receipt));
    }

    private void devices(ServerRequest req, ServerResponse res) {
        staff(req);
        Map<String, Object> out = new LinkedHashMap<>();
        devices.get().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(e.getKey(),
                Map.of("state", e.getValue().state().name().toLowerCase(Locale.ROOT),
                        "reason", e.getValue().reason())));
        res.send(Map.of("devices", out));
    }

    private void audit(ServerRequest req, ServerResponse res) {
        staff(req);
        Verification v = auditCheck.get();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", v.records());
        out.put("intact", v.intact());
        v.brokenAt().ifPresent(seq -> out.put("brokenAt", seq));
        res.send(out);
    }

    private StaffMember staff(ServerRequest req) {
        return BearerToken.of(req).flatMap(sessions::touch).orElseThrow(() -> new ApiException(Status.UNAUTHORIZED_401,
                "staff-session-required", "Staff login required",
                "log in with your badge and PIN; a staff session ends after a few idle minutes", List.of()));
    }

    record LoginRequest(String badge, String pin) {
    }
}
