package org.jinban.kiosk.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.config.ConfigException;
import org.junit.jupiter.api.Test;

class ScreenConfigTest {
    private static ScreenConfig from(Map<String, String> values) {
        return ScreenConfig.from(Config.builder().disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource().addSource(ConfigSources.create(values)).build());
    }

    private static void refused(Map<String, String> values, String key, String why) {
        ConfigException e = assertThrows(ConfigException.class, () -> from(values));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void dimsAfterTwoMinutesWithTheVeilAloneByDefault() {
        ScreenConfig c = from(Map.of());
        assertEquals(Duration.ofMinutes(2), c.dimAfter());
        assertEquals(Optional.empty(), c.backlight());
        assertTrue(c.dims());
        assertEquals(c, ScreenConfig.defaults());
    }

    @Test
    void readsBothKeys() {
        ScreenConfig c = from(Map.of("kiosk.ui.dim-after", "PT45S", "kiosk.ui.backlight", "/sys/class/backlight/10-0045"));
        assertEquals(Duration.ofSeconds(45), c.dimAfter());
        assertEquals(Optional.of(Path.of("/sys/class/backlight/10-0045")), c.backlight());
    }

    @Test
    void zeroNeverDimsAndABlankBacklightIsNone() {
        ScreenConfig c = from(Map.of("kiosk.ui.dim-after", "PT0S", "kiosk.ui.backlight", " "));
        assertFalse(c.dims());
        assertEquals(Optional.empty(), c.backlight());
    }

    @Test
    void namesTheKeyAndWhy() {
        refused(Map.of("kiosk.ui.dim-after", "120"), "kiosk.ui.dim-after", "ISO 8601 duration such as PT2M");
        refused(Map.of("kiosk.ui.dim-after", "-PT5S"), "kiosk.ui.dim-after", "PT0S (never dim) or between");
        refused(Map.of("kiosk.ui.dim-after", "PT0.5S"), "kiosk.ui.dim-after", "between PT1S and PT24H");
        refused(Map.of("kiosk.ui.dim-after", "P2D"), "kiosk.ui.dim-after", "between PT1S and PT24H");
        refused(Map.of("kiosk.ui.backlight", "sys/class/backlight/x"), "kiosk.ui.backlight", "absolute directory");
        refused(Map.of("kiosk.ui.backlight", "/sys/\u0000x"), "kiosk.ui.backlight", "not a path");
    }
}
