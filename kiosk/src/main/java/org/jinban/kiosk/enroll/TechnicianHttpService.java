package org.jinban.kiosk.enroll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.kiosk.enroll.EnrollException.Kind;
import org.jinban.kiosk.http.ApiException;
import org.jinban.kiosk.http.BearerToken;
import org.jinban.kiosk.http.JsonBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/technician}: the technician screen. The technician PIN opens a session
 * ({@link TechnicianGate}); with it, the text of the enrollment QR the kiosk's scanner read
 * enrolls the kiosk ({@link Enrollment}, as {@code jinban-provision enroll} does) into the
 * service's own secrets' directory, and the kiosk then restarts to take the enrollment up.
 * Every login, lock and enrollment is audited; the PIN, the code and the credential are never
 * logged, audited or answered.
 */
public final class TechnicianHttpService implements HttpService {
    /** What the technician runs to set the PIN; the screen and the API say it. */
    public static final String SET_PIN = "sudo jinban-provision technician-pin";
    /** Time for the answer to reach the screen and be shown before the process ends. */
    static final Duration RESTART_DELAY = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(TechnicianHttpService.class);
    private static final String ACTOR = "technician";

    /** Appends an audit record (in its own transaction). */
    @FunctionalInterface
    public interface Audit {
        void record(String action, String subject, Map<String, Object> detail);
    }

    private final TechnicianSetup setup;
    private final TechnicianGate gate;
    private final Audit audit;
    private final Clock clock;
    private final Handler methodNotAllowed;
    private volatile Enrollment.Result enrolled;

    public TechnicianHttpService(TechnicianSetup setup, TechnicianGate gate, Audit audit, Clock clock,
                                 Handler methodNotAllowed) {
        this.setup = setup;
        this.gate = gate;
        this.audit = audit;
        this.clock = clock;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/state", this::state).any("/state", methodNotAllowed)
                .post("/session", this::login).delete("/session", this::logout).any("/session", methodNotAllowed)
                .post("/enrollment", this::enroll).any("/enrollment", methodNotAllowed);
    }

    /** Whether the kiosk waits for enrollment, whether a PIN is set, whether the screen is locked. */
    private void state(ServerRequest req, ServerResponse res) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enrolled", !setup.enrollmentRequired() || enrolled != null);
        out.put("pinSet", gate.pinSet());
        if (!gate.pinSet()) {
            out.put("setPin", SET_PIN);
        }
        gate.lockedUntil().ifPresent(until -> out.put("lockedUntil", until.toString()));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(out);
    }

    private void login(ServerRequest req, ServerResponse res) {
        PinRequest body = JsonBody.read(req, PinRequest.class);
        if (body.pin() == null || !body.pin().matches("[0-9]{4,12}")) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("pin", "a PIN is 4 to 12 digits")));
        }
        switch (gate.login(body.pin())) {
            case TechnicianGate.Outcome.Success ok -> {
                audit.record("technician.login", null, Map.of());
                LOG.info("technician: screen opened with the technician PIN");
                res.status(Status.CREATED_201);
                res.header(HeaderNames.CACHE_CONTROL, "no-store");
                res.send(Map.of("token", ok.token(), "idleSeconds", TechnicianGate.SESSION_IDLE.toSeconds()));
            }
            case TechnicianGate.Outcome.Wrong wrong -> {
                audit.record("technician.login-refused", null, Map.of("attemptsLeft", wrong.attemptsLeft()));
                LOG.info("technician: wrong PIN ({} attempts left before a lock)", wrong.attemptsLeft());
                throw new ApiException(Status.UNAUTHORIZED_401, "bad-pin", "Wrong PIN",
                        "this is not the technician PIN", List.of()).with("attemptsLeft", wrong.attemptsLeft());
            }
            case TechnicianGate.Outcome.Locked locked -> {
                if (locked.fresh()) {
                    audit.record("technician.locked", null, Map.of("until", locked.until().toString()));
                    LOG.warn("technician: screen locked until {} after {} wrong PINs", locked.until(),
                            TechnicianGate.FREE_ATTEMPTS);
                }
                throw locked(locked.until(), clock.instant());
            }
            case TechnicianGate.Outcome.NotSet notSet -> throw pinNotSet();
        }
    }

    private void logout(ServerRequest req, ServerResponse res) {
        BearerToken.of(req).ifPresent(gate::logout);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void enroll(ServerRequest req, ServerResponse res) {
        if (!BearerToken.of(req).map(gate::touch).orElse(false)) {
            throw new ApiException(Status.UNAUTHORIZED_401, "technician-session-required", "Technician PIN required",
                    "enter the technician PIN first; the technician screen closes after a few idle minutes", List.of());
        }
        QrRequest body = JsonBody.read(req, QrRequest.class);
        if (body.qr() == null || body.qr().isBlank() || body.qr().length() > 2048) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("qr",
                    "the scanned text of the enrollment QR is required (at most 2048 characters)")));
        }
        Enrollment.Result result = enrollOnce(body.qr());
        HubEnrollment.Enrolled e = result.enrolled();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kioskId", e.kioskId());
        out.put("stationName", e.stationName());
        out.put("address", e.address());
        out.put("gridCode", e.gridCode());
        out.put("keyFingerprint", result.shortFingerprint());
        out.put("restartInSeconds", RESTART_DELAY.toSeconds());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(out);
        Thread.ofPlatform().daemon().name("jinban-enrolled-restart").start(this::restartSoon);
    }

    /** One enrollment at a time, and none on an enrolled kiosk. */
    private synchronized Enrollment.Result enrollOnce(String qrText) {
        if (!setup.enrollmentRequired() || enrolled != null) {
            throw ApiException.conflict("already-enrolled", "Already enrolled", "this kiosk is enrolled already;"
                    + " to enroll it again, use jinban-provision enroll --force, or factory-reset it first");
        }
        Enrollment.Targets targets = setup.targets().orElseThrow(() -> ApiException.conflict("enrollment-off",
                "Enrollment not possible here", "this kiosk has no place to keep an enrollment (no config file);"
                        + " use jinban-provision enroll"));
        try {
            EnrollmentQrText qr = EnrollmentQrText.parse(qrText);
            HubEnrollment hub = new HubEnrollment(qr.hub(), setup.hubTimeout(), setup.hubPin());
            Enrollment.Result result = Enrollment.enroll(hub, qr.code(), targets, Enrollment.Owners.asIs(),
                    "the kiosk's technician screen");
            enrolled = result;
            audit.record("technician.enroll", result.enrolled().kioskId(), Map.of("hub", hub.where(),
                    "gridCode", result.enrolled().gridCode(), "key", result.shortFingerprint()));
            LOG.info("technician: enrolled as {} with the hub at {}; restarting in {} s to take it up",
                    result.enrolled().kioskId(), hub.where(), RESTART_DELAY.toSeconds());
            return result;
        } catch (EnrollException e) {
            audit.record("technician.enroll-refused", null, Map.of("reason", e.kind().problem()));
            LOG.warn("technician: enrollment failed ({}): {}", e.kind().problem(), e.getMessage());
            throw problem(e);
        }
    }

    private void restartSoon() {
        try {
            Thread.sleep(RESTART_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        setup.restart().run();
    }

    static ApiException problem(EnrollException e) {
        Kind kind = e.kind();
        Status status = switch (kind) {
            case NOT_ENROLLMENT_QR, BAD_REQUEST -> Status.BAD_REQUEST_400;
            case CODE_UNKNOWN -> Status.create(422, "Unprocessable Content");
            case CODE_USED -> Status.CONFLICT_409;
            case CODE_EXPIRED -> Status.GONE_410;
            case TOO_MANY_ATTEMPTS -> Status.TOO_MANY_REQUESTS_429;
            case REFUSED -> Status.BAD_GATEWAY_502;
            case UNREACHABLE -> Status.SERVICE_UNAVAILABLE_503;
            case TIMEOUT -> Status.GATEWAY_TIMEOUT_504;
            case WRITE_FAILED -> Status.INTERNAL_SERVER_ERROR_500;
        };
        String title = switch (kind) {
            case NOT_ENROLLMENT_QR -> "Not an enrollment QR";
            case BAD_REQUEST -> "Wrong hub address";
            case CODE_UNKNOWN -> "Unknown enrollment code";
            case CODE_USED -> "Enrollment code used already";
            case CODE_EXPIRED -> "Enrollment code expired";
            case TOO_MANY_ATTEMPTS -> "Too many attempts at the hub";
            case REFUSED -> "The hub refused";
            case UNREACHABLE -> "Hub unreachable";
            case TIMEOUT -> "Hub did not answer in time";
            case WRITE_FAILED -> "Cannot write the enrollment";
        };
        return new ApiException(status, kind.problem(), title, e.getMessage(), List.of());
    }

    private static ApiException locked(Instant until, Instant now) {
        return new ApiException(Status.create(423, "Locked"), "technician-locked", "Technician screen locked",
                "too many wrong PINs; the technician screen is locked for a while", List.of())
                .with("lockedUntil", until.toString())
                .with("retryAfterSeconds", Math.max(1, Duration.between(now, until).toSeconds() + 1));
    }

    private static ApiException pinNotSet() {
        return ApiException.conflict("technician-pin-not-set", "No technician PIN set",
                "this kiosk has no technician PIN; set one on the kiosk with: " + SET_PIN)
                .with("setPin", SET_PIN);
    }

    record PinRequest(String pin) {
        @Override
        public String toString() {
            return "PinRequest[****]";
        }
    }

    record QrRequest(String qr) {
        @Override
        public String toString() {
            return "QrRequest[****]";
        }
    }
}
