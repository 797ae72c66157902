package org.jinban.sync.hub;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrollment by one-time code (docs/sync-protocol.md, "Enrollment codes"): an operator issues a
 * code for a kiosk-to-be at {@code POST /admin/v1/enrollment-codes} (loopback only), and the
 * technician's kiosk redeems it once at {@code POST /enroll/v1}, getting its credential (shown
 * this once), the hub's public key and its station. Failed redemptions are limited hub-wide;
 * past the limit every redemption is answered 429 until the window has passed, so guessing a
 * 40-bit code is hopeless. Neither codes nor credentials are ever logged.
 */
final class EnrollmentHandler extends JsonHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentHandler.class);
    static final String CODES = AdminHandler.PREFIX + "/enrollment-codes";
    static final String ENROLL = "/enroll/v1";
    private static final Pattern KIOSK_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern GRID_CODE = Pattern.compile("[A-Za-z0-9-]{1,64}");
    static final long DEFAULT_TTL_SECONDS = 86_400;
    static final long MAX_TTL_SECONDS = 7 * 86_400;

    private final EnrollmentStore store;
    private final HubKey key;
    private final AttemptLimiter failures;

    EnrollmentHandler(JsonExchange http, EnrollmentStore store, HubKey key, AttemptLimiter failures) {
        super(http);
        this.store = store;
        this.key = key;
        this.failures = failures;
    }

    @Override
    boolean owns(String path) {
        return path.equals(CODES) || path.equals(ENROLL);
    }

    @Override
    void route(Request request, Response response, Callback callback, String path) {
        if (!request.getMethod().equals("POST")) {
            throw notAllowed(request, path);
        }
        if (path.equals(CODES)) {
            JsonExchange.requireLoopback(request);
            issue(http.body(request), response, callback);
        } else {
            redeem(request, response, callback);
        }
    }

    private void issue(JsonNode body, Response response, Callback callback) {
        String kioskId = checked(body, "kioskId", KIOSK_ID, "letters, digits and '-' only, at most 64");
        String stationName = bounded(body, "stationName", 64);
        String address = bounded(body, "address", 200);
        String gridCode = checked(body, "gridCode", GRID_CODE, "letters, digits and '-' only, at most 64");
        long ttl = JsonExchange.integer(body, "ttlSeconds", DEFAULT_TTL_SECONDS, 60, MAX_TTL_SECONDS);
        EnrollmentStore.IssuedCode issued = store.issue(
                new EnrollmentStore.Station(kioskId, stationName, address, gridCode), Duration.ofSeconds(ttl));
        if (issued == null) {
            throw new HttpProblem(409, "kiosk-exists", "kiosk " + kioskId + " is already enrolled; revoke it first"
                    + " (hub kiosks revoke " + kioskId + ") to enroll it again with a code");
        }
        LOG.info("issued an enrollment code for kiosk {}, expiring {}", kioskId, issued.expiresAt());
        http.write(response, callback, 201, http.json().createObjectNode()
                .put("code", issued.code())
                .put("kioskId", kioskId)
                .put("expiresAt", issued.expiresAt().toString()));
    }

    private void redeem(Request request, Response response, Callback callback) {
        OptionalLong attempt = failures.tryAttempt();
        if (attempt.isEmpty()) {
            long seconds = Math.max(1, (failures.retryAfter().toMillis() + 999) / 1000);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, seconds);
            throw new HttpProblem(429, "too-many-attempts",
                    "too many wrong enrollment codes lately; try again in " + seconds + " s");
        }
        JsonNode body;
        String publicKey;
        try {
            body = http.body(request);
            JsonExchange.text(body, "code");
            publicKey = publicKey(body);
        } catch (HttpProblem malformed) {
            failures.succeeded(attempt.getAsLong()); // a malformed call guesses nothing
            throw malformed;
        }
        EnrollmentStore.Redemption outcome = store.redeem(body.get("code").asText(), publicKey);
        if (outcome instanceof EnrollmentStore.Redemption.Failed failed) {
            LOG.warn("refused an enrollment code: {}", failed.reason());
            throw switch (failed.reason()) {
                case UNKNOWN -> new HttpProblem(404, "no-such-code", "no such enrollment code");
                case USED -> new HttpProblem(409, "code-used", "this enrollment code was used already");
                case EXPIRED -> new HttpProblem(410, "code-expired", "this enrollment code has expired; ask for a new one");
                case KIOSK_EXISTS -> new HttpProblem(409, "kiosk-exists", "the kiosk of this code is already enrolled"
                        + " (it was enrolled again meanwhile; the hub's operator revokes it to issue a new code)");
            };
        }
        failures.succeeded(attempt.getAsLong());
        EnrollmentStore.Redemption.Enrolled enrolled = (EnrollmentStore.Redemption.Enrolled) outcome;
        EnrollmentStore.Station s = enrolled.station();
        LOG.info("enrolled kiosk {} by code{}", s.kioskId(),
                publicKey == null ? "" : ", key " + EnrollmentKeys.shortFingerprint(publicKey));
        http.write(response, callback, 200, http.json().createObjectNode()
                .put("kioskId", s.kioskId())
                .put("credential", enrolled.credential())
                .put("hubPublicKey", key.publicKeyBase64())
                .put("stationName", s.stationName())
                .put("address", s.address())
                .put("gridCode", s.gridCode())
                .put("lastTrackingNo", enrolled.lastTrackingNo()));
    }

    /** The optional {@code publicKey} of a redemption, checked before the code is spent. */
    private static String publicKey(JsonNode body) {
        JsonNode n = body.get("publicKey");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw HttpProblem.invalid("publicKey: must be an Ed25519 public key, base64 of its X.509 encoding");
        }
        return EnrollmentKeys.canonical(n.asText());
    }

    private static String checked(JsonNode body, String field, Pattern pattern, String rule) {
        String value = JsonExchange.text(body, field);
        if (!pattern.matcher(value).matches()) {
            throw HttpProblem.invalid(field + ": " + rule);
        }
        return value;
    }

    private static String bounded(JsonNode body, String field, int max) {
        String value = JsonExchange.text(body, field);
        if (value.codePointCount(0, value.length()) > max) {
            throw HttpProblem.invalid(field + ": at most " + max + " characters");
        }
        return value;
    }
}
