package org.jinban.kiosk.sync;

import java.time.Clock;
import java.time.Duration;
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
import org.jinban.kiosk.http.ApiException;
import org.jinban.kiosk.http.BearerToken;
import org.jinban.kiosk.staff.StaffSessions;
import org.jinban.sync.client.SyncStatus;

/**
 * {@code GET /api/v1/staff/sync}: the sync with the central platform as staff see it ("与中心同步"):
 * connected or not, how long since the last contact, what waits to be sent and since when, and
 * the last trouble sorted into a kind the page can say in plain words. Needs a staff session.
 */
public final class StaffSyncHttpService implements HttpService {
    private final StaffSessions sessions;
    private final Supplier<Optional<SyncStatus>> status;
    private final Clock clock;
    private final Handler methodNotAllowed;

    public StaffSyncHttpService(StaffSessions sessions, Supplier<Optional<SyncStatus>> status, Clock clock,
                                Handler methodNotAllowed) {
        this.sessions = sessions;
        this.status = status;
        this.clock = clock;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::sync).any("/", methodNotAllowed);
    }

    private void sync(ServerRequest req, ServerResponse res) {
        requireStaff(req);
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<SyncStatus> now = status.get();
        out.put("configured", now.isPresent());
        now.ifPresent(s -> {
            out.put("connected", s.connected());
            out.put("lastContact", s.lastContactAt().map(Object::toString).orElse(null));
            out.put("lastContactSeconds", s.lastContactAt()
                    .map(at -> Math.max(0, Duration.between(at, clock.instant()).toSeconds())).orElse(null));
            out.put("queue", s.queueLength());
            out.put("oldestUnsentSeconds", s.oldestUnsentAge().toSeconds());
            out.put("lastError", s.error().map(e -> {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("kind", errorKind(e));
                error.put("detail", e);
                return error;
            }).orElse(null));
        });
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(out);
    }

    /**
     * Sorts the sync client's last error into what staff can act on: {@code certificate} (the hub's
     * certificate is not the one this kiosk trusts), {@code unauthorized} (the platform refused this
     * kiosk), {@code unreachable} (no network or the platform is down), {@code silent} (the
     * platform stopped answering), {@code closed} (the platform ended the connection),
     * {@code connection} (the connection broke), {@code kiosk} (a fault on this kiosk), or
     * {@code other}.
     */
    static String errorKind(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        if (e.contains("certific") || e.contains("ssl") || e.contains("pkix") || e.contains("handshake")) {
            return "certificate";
        }
        if (e.startsWith("unauthorized")) {
            return "unauthorized";
        }
        if (e.startsWith("cannot connect")) {
            return "unreachable";
        }
        if (e.startsWith("the hub has been silent")) {
            return "silent";
        }
        if (e.startsWith("closed by the hub")) {
            return "closed";
        }
        if (e.startsWith("send failed") || e.startsWith("socket error")) {
            return "connection";
        }
        if (e.startsWith("kiosk:")) {
            return "kiosk";
        }
        return "other";
    }

    private void requireStaff(ServerRequest req) {
        BearerToken.of(req)
                .flatMap(sessions::touch)
                .orElseThrow(() -> new ApiException(Status.UNAUTHORIZED_401, "staff-session-required",
                        "Staff login required",
                        "log in with your badge and PIN; a staff session ends after a few idle minutes", List.of()));
    }
}
