package org.jinban.kiosk.screen;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.kiosk.http.ApiException;
import org.jinban.kiosk.http.JsonBody;

/**
 * {@code /api/v1/screen}: the page says when it dims the screen and when it wakes it, so that
 * the kiosk turns the backlight down and up with it. Which state the screen should be in is the
 * page's decision (it knows whether a resident is in the middle of something); the kiosk only
 * carries it out.
 */
public final class ScreenHttpService implements HttpService {
    private final Backlight backlight;
    private final Handler methodNotAllowed;

    public ScreenHttpService(Backlight backlight, Handler methodNotAllowed) {
        this.backlight = backlight;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::show).put("/", this::set).any("/", methodNotAllowed);
    }

    private void show(ServerRequest req, ServerResponse res) {
        res.send(new ScreenView(backlight.state().word(), null, null));
    }

    /** Body: {"state": "dim"} or {"state": "awake"}. */
    private void set(ServerRequest req, ServerResponse res) {
        ScreenRequest body = JsonBody.read(req, ScreenRequest.class);
        ScreenState wanted = ScreenState.ofWord(body.state()).orElseThrow(() -> ApiException.invalid(List.of(
                new ApiException.FieldError("state", "is required: \"dim\" or \"awake\""))));
        Backlight.Result result = backlight.set(wanted);
        res.send(new ScreenView(result.state().word(), result.backlight().name().toLowerCase(Locale.ROOT),
                result.brightness() < 0 ? null : result.brightness()));
    }

    public record ScreenRequest(String state) {
    }

    /**
     * @param backlight  {@code none} (no backlight configured), {@code set} or {@code unavailable}
     *                   (configured but not writable: the kiosk's log says why, once)
     * @param brightness the value written to the backlight, when it was
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScreenView(String state, String backlight, Integer brightness) {
    }
}
