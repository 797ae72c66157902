package org.jinban.kiosk.appeal;

import java.util.List;
import java.util.Locale;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.kiosk.catalog.HandlingLevel;
import org.jinban.kiosk.http.ApiException;
import org.jinban.kiosk.http.ApiException.FieldError;
import org.jinban.kiosk.http.JsonBody;

/**
 * {@code /api/v1/simulator/appeals/{trackingNo}/status}: moves an appeal the way the central
 * platform does, for the demo and the tests, until the sync brings the real platform's changes.
 * Routed in simulate mode only.
 */
public final class AppealSimulatorHttpService implements HttpService {
    private static final int MAX_TEXT = 500;

    private final AppealService appeals;
    private final AppealViews views;
    private final Handler methodNotAllowed;

    public AppealSimulatorHttpService(AppealService appeals, AppealViews views, Handler methodNotAllowed) {
        this.appeals = appeals;
        this.views = views;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{trackingNo}/status", this::status).any("/{trackingNo}/status", methodNotAllowed);
    }

    private void status(ServerRequest req, ServerResponse res) {
        StatusRequest body = JsonBody.read(req, StatusRequest.class);
        AppealStatus status = null;
        try {
            status = body.status() == null ? null : AppealStatus.valueOf(body.status().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (status == null) {
            throw ApiException.invalid(List.of(new FieldError("status", "must be one of "
                    + List.of(AppealStatus.values()))));
        }
        if (body.handlingLevel() != null) {
            try {
                HandlingLevel.valueOf(body.handlingLevel());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(List.of(new FieldError("handlingLevel", "must be one of "
                        + List.of(HandlingLevel.values()))));
            }
        }
        for (String[] text : new String[][] {{"department", body.department()}, {"reason", body.reason()},
                {"reply", body.reply()}}) {
            if (text[1] != null && (text[1].length() > MAX_TEXT
                    || AppealValidator.textProblem(text[1], true).isPresent())) {
                throw ApiException.invalid(List.of(new FieldError(text[0],
                        "must be at most " + MAX_TEXT + " characters of text")));
            }
        }
        StoredAppeal a = appeals.find(req.path().pathParameters().get("trackingNo"))
                .orElseThrow(() -> ApiException.notFound("no appeal with this tracking number"));
        StoredAppeal moved = appeals.changeStatus(a, new AppealService.StatusChange(status, body.handlingLevel(),
                body.department(), body.reason(), body.reply()), "central");
        res.send(views.bare(moved));
    }

    record StatusRequest(String status, String handlingLevel, String department, String reason, String reply) {
    }
}
