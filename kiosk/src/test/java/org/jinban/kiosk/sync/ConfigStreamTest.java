package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.settings.CentralSettingsStore;
import org.jinban.kiosk.settings.EffectiveSettings;
import org.jinban.kiosk.staff.StaffMember;
import org.jinban.kiosk.staff.StaffSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStreamTest {
    @TempDir
    Path dir;
    private StreamFixture f;
    private KioskConfig local;
    private EffectiveSettings settings;
    private ConfigStream stream;

    @BeforeEach
    void open() {
        f = new StreamFixture(dir);
        local = new KioskConfig(dir.resolve("data"), "东关社区便民服务站", "Dongguan Station", "370783001001",
                Optional.empty(), "zh-CN", Duration.ofSeconds(60), Duration.ofSeconds(180),
                "classpath:catalog/demo-catalog.json");
        settings = new EffectiveSettings(local, AppealConfig.defaults());
        stream = new ConfigStream(f.db, new CentralSettingsStore(f.db), settings, f.store, f.json, f.clock);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private String snapshot(Map<String, ?> values) throws Exception {
        return f.json.writeValueAsString(Map.of("values", values));
    }

    @Test
    void centralValuesOverrideTheLocalOnesAtOnceAndSurviveARestart() throws Exception {
        StaffSessions sessions = new StaffSessions(f.clock, settings::staffIdle);
        String token = sessions.open(new StaffMember("S001", "王芳"));
        stream.apply(1, ConfigStream.SNAPSHOT, snapshot(Map.of("kiosk.station.name", "圣城街道东关便民服务站",
                "kiosk.ui.idle-timeout", "PT90S", "kiosk.ui.elder-idle-timeout", "PT240S",
                "kiosk.staff.idle-timeout", "PT30S", "kiosk.appeals.retention", "P1D")));

        assertEquals(1, f.cursors.cursor(ConfigStream.STREAM));
        assertEquals(new LocalizedText("圣城街道东关便民服务站", "圣城街道东关便民服务站"), settings.stationName());
        assertEquals(Duration.ofSeconds(90), settings.idleTimeout());
        assertEquals(Duration.ofSeconds(240), settings.elderIdleTimeout());
        assertEquals(Duration.ofDays(1), settings.retention());
        f.clock.advance(Duration.ofSeconds(31));
        assertTrue(sessions.touch(token).isEmpty(), "the centre's staff idle timeout applies to open sessions");

        EffectiveSettings restarted = new EffectiveSettings(local, AppealConfig.defaults());
        new CentralSettingsStore(f.db).loadInto(restarted);
        assertEquals(Duration.ofSeconds(90), restarted.idleTimeout());
        assertEquals(Duration.ofSeconds(30), restarted.staffIdle());
        assertEquals(1, f.audits("settings.central-applied").size());
    }

    @Test
    void aKeyALaterSnapshotLeavesOutFallsBackToTheLocalConfiguration() throws Exception {
        stream.apply(1, ConfigStream.SNAPSHOT, snapshot(Map.of("kiosk.station.name", "新站名",
                "kiosk.ui.idle-timeout", "PT90S")));
        stream.apply(2, ConfigStream.SNAPSHOT, snapshot(Map.of("kiosk.ui.idle-timeout", "PT45S")));
        assertEquals(Duration.ofSeconds(45), settings.idleTimeout());
        assertEquals(new LocalizedText("东关社区便民服务站", "Dongguan Station"), settings.stationName());
        stream.apply(3, ConfigStream.SNAPSHOT, snapshot(Map.of()));
        assertEquals(Duration.ofSeconds(60), settings.idleTimeout());
        assertEquals(Map.of(), new CentralSettingsStore(f.db).load());
    }

    @Test
    void oneWrongValueRefusesTheWholeSnapshotAndChangesNothing() throws Exception {
        stream.apply(1, ConfigStream.SNAPSHOT, snapshot(Map.of("kiosk.ui.idle-timeout", "PT90S")));
        List<Map<String, Object>> bad = List.of(
                Map.of("kiosk.ui.idle-timeout", "PT30S", "kiosk.data-dir", "/tmp"),
                Map.of("kiosk.ui.idle-timeout", "PT30S", "kiosk.staff.idle-timeout", 30),
                Map.of("kiosk.ui.idle-timeout", "PT30S", "kiosk.appeals.retention", "7 days"),
                Map.of("kiosk.ui.idle-timeout", "PT2H"),
                Map.of("kiosk.ui.idle-timeout", "PT30S", "kiosk.ui.elder-idle-timeout", "PT20S"),
                Map.of("kiosk.ui.idle-timeout", "PT200S"), // longer than the local elderly timeout, PT180S
                Map.of("kiosk.ui.idle-timeout", "PT30S", "kiosk.staff.idle-timeout", "PT1S"),
                Map.of("kiosk.ui.idle-timeout", "PT30S", "kiosk.appeals.retention", "-P1D"),
                Map.of("kiosk.ui.idle-timeout", "PT30S", "kiosk.station.name", ""),
                Map.of("kiosk.ui.idle-timeout", "PT30S", "kiosk.station.name", "站".repeat(65)));
        for (Map<String, Object> values : bad) {
            assertThrows(AppealStatusStream.CannotApply.class,
                    () -> stream.apply(2, ConfigStream.SNAPSHOT, snapshot(values)), values.toString());
        }
        for (String body : List.of("not json", "{}", "{\"values\":[]}")) {
            assertThrows(AppealStatusStream.CannotApply.class, () -> stream.apply(2, ConfigStream.SNAPSHOT, body));
        }
        assertThrows(AppealStatusStream.CannotApply.class,
                () -> stream.apply(2, "config.delta", snapshot(Map.of("kiosk.ui.idle-timeout", "PT30S"))));
        assertEquals(1, f.cursors.cursor(ConfigStream.STREAM));
        assertEquals(Duration.ofSeconds(90), settings.idleTimeout(), "no partial apply");
        assertEquals(Map.of("kiosk.ui.idle-timeout", "PT90S"), new CentralSettingsStore(f.db).load());
    }

    @Test
    void theRefusalNamesTheKey() {
        AppealStatusStream.CannotApply e = assertThrows(AppealStatusStream.CannotApply.class,
                () -> stream.apply(1, ConfigStream.SNAPSHOT, snapshot(Map.of("kiosk.staff.idle-timeout", "soon"))));
        assertTrue(e.getMessage().contains("kiosk.staff.idle-timeout"), e.getMessage());
    }
}
