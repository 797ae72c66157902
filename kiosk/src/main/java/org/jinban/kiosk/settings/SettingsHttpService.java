package org.jinban.kiosk.settings;

import java.util.Map;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.kiosk.config.KioskConfig;

/** {@code /api/v1/kiosk/settings}: what the page needs to know about this kiosk. */
public final class SettingsHttpService implements HttpService {
    private final Settings settings;
    private final Handler methodNotAllowed;

    public SettingsHttpService(KioskConfig config, Handler methodNotAllowed) {
        this.settings = new Settings(Map.of("zh-CN", config.stationNameZh(), "en", config.stationNameEn()),
                config.gridCode(), config.defaultLanguage(), config.idleTimeout().toSeconds(),
                config.elderIdleTimeout().toSeconds());
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/settings", this::settings).any("/settings", methodNotAllowed);
    }

    private void settings(ServerRequest req, ServerResponse res) {
        res.send(settings);
    }

    /** The page's settings; idle timeouts in whole seconds. */
    public record Settings(Map<String, String> stationName, String gridCode, String defaultLanguage,
                           long idleTimeoutSeconds, long elderIdleTimeoutSeconds) {
    }
}
