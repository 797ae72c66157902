package org.jinban.kiosk.settings;

import java.time.Duration;
import java.util.Map;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.config.KioskConfig;

/**
 * {@code /api/v1/kiosk/settings}: what the page needs to know about this kiosk, as in force now
 * (the central platform may change the station's name and the idle timeouts while it runs).
 */
public final class SettingsHttpService implements HttpService {
    private final EffectiveSettings settings;
    private final Duration dimAfter;
    private final Handler methodNotAllowed;

    /** @param dimAfter the quiet time after which the page dims the screen ({@code kiosk.ui.dim-after}; 0: never) */
    public SettingsHttpService(EffectiveSettings settings, Duration dimAfter, Handler methodNotAllowed) {
        this.settings = settings;
        this.dimAfter = dimAfter;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/settings", this::settings).any("/settings", methodNotAllowed);
    }

    private void settings(ServerRequest req, ServerResponse res) {
        KioskConfig config = settings.kiosk();
        LocalizedText name = settings.stationName();
        res.send(new Settings(Map.of("zh-CN", name.zh(), "en", name.en()), config.gridCode(),
                config.defaultLanguage(), config.idleTimeout().toSeconds(), config.elderIdleTimeout().toSeconds(),
                dimAfter.toSeconds()));
    }

    /** The page's settings; idle timeouts and the dim time in whole seconds (dim 0: never). */
    public record Settings(Map<String, String> stationName, String gridCode, String defaultLanguage,
                           long idleTimeoutSeconds, long elderIdleTimeoutSeconds, long dimAfterSeconds) {
    }
}
