package org.jinban.kiosk.devices;

import java.util.List;

import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.kiosk.http.ApiException;

/**
 * {@code /api/v1/simulator}: what a person does to the simulated devices in the demo. Routed
 * only in simulate mode; a real kiosk has no such path.
 */
public final class SimulatorHttpService implements HttpService {
    private static final int MAX_SCAN = 4096;

    private final Devices.Simulator simulator;
    private final Handler methodNotAllowed;

    public SimulatorHttpService(Devices.Simulator simulator, Handler methodNotAllowed) {
        this.simulator = simulator;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/scan", this::scan).any("/scan", methodNotAllowed)
                .post("/presence", this::presence).any("/presence", methodNotAllowed)
                .post("/help", this::help).any("/help", methodNotAllowed)
                .post("/card", this::card).any("/card", methodNotAllowed);
    }

    /** Body: {"text": "..."}: the scanner reads it as if a code held that text. */
    private void scan(ServerRequest req, ServerResponse res) {
        ScanRequest body = req.content().as(ScanRequest.class);
        if (body == null || body.text() == null || body.text().length() > MAX_SCAN) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("text",
                    "is required and at most " + MAX_SCAN + " characters")));
        }
        simulator.scan(body.text());
        res.status(Status.NO_CONTENT_204).send();
    }

    /** Body: {"present": true|false}. */
    private void presence(ServerRequest req, ServerResponse res) {
        PresenceRequest body = req.content().as(PresenceRequest.class);
        if (body == null || body.present() == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("present", "is required: true or false")));
        }
        simulator.presence(body.present());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void help(ServerRequest req, ServerResponse res) {
        simulator.pressHelp();
        res.status(Status.NO_CONTENT_204).send();
    }

    /** Body: {"present": true|false, "longTerm": true|false}: places or takes away a sample card. */
    private void card(ServerRequest req, ServerResponse res) {
        CardRequest body = req.content().as(CardRequest.class);
        if (body == null || body.present() == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("present", "is required: true or false")));
        }
        if (body.present()) {
            simulator.placeCard(Boolean.TRUE.equals(body.longTerm()));
        } else {
            simulator.removeCard();
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    public record CardRequest(Boolean present, Boolean longTerm) {
    }

    public record ScanRequest(String text) {
    }

    public record PresenceRequest(Boolean present) {
    }
}
