package org.jinban.kiosk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskConfigTest {
    @TempDir
    Path dir;

    private static KioskConfig from(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of(
                "kiosk.station.name-zh", "东关社区便民服务站",
                "kiosk.station.name-en", "Dongguan station",
                "kiosk.station.grid-code", "370783001001"));
        all.putAll(values);
        return KioskConfig.from(Config.builder().disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource().addSource(ConfigSources.create(all)).build());
    }

    @Test
    void readsDefaults() {
        KioskConfig c = from(Map.of());
        assertEquals(Duration.ofSeconds(60), c.idleTimeout());
        assertEquals(Duration.ofSeconds(180), c.elderIdleTimeout());
        assertEquals("zh-CN", c.defaultLanguage());
        assertEquals(Optional.empty(), c.webRoot());
    }

    private static void refused(Map<String, String> values, String key, String why) {
        ConfigException e = assertThrows(ConfigException.class, () -> from(values));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void namesTheKeyAndWhy() {
        refused(Map.of("kiosk.ui.idle-timeout", "60"), "kiosk.ui.idle-timeout", "ISO 8601 duration");
        refused(Map.of("kiosk.ui.idle-timeout", "PT0S"), "kiosk.ui.idle-timeout", "between");
        refused(Map.of("kiosk.ui.elder-idle-timeout", "PT30S"), "kiosk.ui.elder-idle-timeout", "more time, never less");
        refused(Map.of("kiosk.ui.default-language", "fr"), "kiosk.ui.default-language", "must be one of");
        refused(Map.of("kiosk.station.grid-code", "37-07"), "kiosk.station.grid-code", "letters or digits");
        refused(Map.of("kiosk.station.name-zh", " "), "kiosk.station.name-zh", "required");
        refused(Map.of("kiosk.ui.web-root", dir.toString()), "kiosk.ui.web-root", "no index.html");
    }
}
