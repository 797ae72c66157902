package org.jinban.kiosk.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveSettingsTest {
    @TempDir
    Path dir;

    private KioskConfig local(Duration idle, Duration elder) {
        return new KioskConfig(dir.resolve("data"), "东关站", "Dongguan", "370783001001", Optional.empty(), "zh-CN",
                idle, elder, "classpath:catalog/demo-catalog.json");
    }

    @Test
    void withoutCentralValuesTheLocalConfigurationIsInForce() {
        EffectiveSettings s = new EffectiveSettings(local(Duration.ofSeconds(60), Duration.ofSeconds(180)),
                AppealConfig.defaults());
        assertEquals(new LocalizedText("东关站", "Dongguan"), s.stationName());
        assertEquals(Duration.ofSeconds(60), s.idleTimeout());
        assertEquals(AppealConfig.defaults().retention(), s.retention());
        assertEquals(AppealConfig.defaults().staffIdle(), s.staffIdle());
    }

    @Test
    void heldCentralValuesThatNoLongerFitTheLocalConfigurationAreAllLeftOut() {
        try (Database db = Database.open(dir.resolve("data"))) {
            db.inTransaction("seed", c -> {
                new CentralSettingsStore(db).replace(c, Map.of("kiosk.ui.idle-timeout", "PT150S",
                        "kiosk.station.name", "新站名"));
                return null;
            });
            EffectiveSettings fits = new EffectiveSettings(local(Duration.ofSeconds(60), Duration.ofSeconds(180)),
                    AppealConfig.defaults());
            new CentralSettingsStore(db).loadInto(fits);
            assertEquals(Duration.ofSeconds(150), fits.idleTimeout());

            // a technician shortened the elderly timeout below the centre's idle timeout since
            EffectiveSettings changed = new EffectiveSettings(local(Duration.ofSeconds(60), Duration.ofSeconds(120)),
                    AppealConfig.defaults());
            new CentralSettingsStore(db).loadInto(changed);
            assertEquals(Duration.ofSeconds(60), changed.idleTimeout());
            assertEquals("东关站", changed.stationName().zh(), "not some of the values: none");
            assertTrue(changed.central().isEmpty());
        }
    }

    @Test
    void theRefusalNamesTheKeyNotTheValue() {
        EffectiveSettings s = new EffectiveSettings(local(Duration.ofSeconds(60), Duration.ofSeconds(180)),
                AppealConfig.defaults());
        var e = assertThrows(EffectiveSettings.InvalidCentralValue.class,
                () -> s.check(Map.of("kiosk.secret-file", "/etc/shadow")));
        assertTrue(e.getMessage().contains("kiosk.secret-file") && !e.getMessage().contains("shadow"), e.getMessage());
    }
}
