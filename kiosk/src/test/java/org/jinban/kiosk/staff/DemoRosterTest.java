package org.jinban.kiosk.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;

import org.jinban.kiosk.privacy.KioskSecret;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.testing.CapturedLogs;
import org.jinban.kiosk.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoRosterTest {
    @TempDir
    Path dir;
    private Database db;
    private StaffStore store;
    private final PinHasher hasher = new PinHasher(1_000);

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data"));
        store = new StaffStore(db, KioskSecret.loadOrCreate(dir.resolve("kiosk.secret")).cipher(),
                new TestClock(Instant.parse("2025-03-01T08:00:00Z")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anEmptyRosterGetsTheTwoDemoBadgesWithTheirDocumentedPins() {
        try (CapturedLogs logs = CapturedLogs.of(DemoRoster.class)) {
            DemoRoster.seedIfEmpty(store, hasher);
            assertFalse(logs.all().contains("王芳") || logs.all().contains("李强"), logs.all());
            assertFalse(logs.all().contains("246810") || logs.all().contains("135790"), logs.all());
            assertTrue(logs.all().contains("demo"), logs.all());
        }
        StoredStaff wang = store.find("S001").orElseThrow();
        StoredStaff li = store.find("S002").orElseThrow();
        assertEquals("王芳", wang.name());
        assertEquals("李强", li.name());
        assertTrue(wang.active() && li.active());
        assertTrue(hasher.verify("246810", wang.pinHash()));
        assertTrue(hasher.verify("135790", li.pinHash()));
        assertTrue(PinHasher.problem("246810").isEmpty() && PinHasher.problem("135790").isEmpty(),
                "the demo PINs follow the kiosk's own PIN rules");
    }

    @Test
    void aRosterThatHasAnyoneIsLeftAlone() {
        store.upsert("S009", "赵敏", hasher.hash("975318"), true);
        DemoRoster.seedIfEmpty(store, hasher);
        assertTrue(store.find("S001").isEmpty());
        assertTrue(store.find("S002").isEmpty());
    }

    @Test
    void seedingTwiceChangesNothing() {
        DemoRoster.seedIfEmpty(store, hasher);
        String hash = store.find("S001").orElseThrow().pinHash();
        DemoRoster.seedIfEmpty(store, hasher);
        assertEquals(hash, store.find("S001").orElseThrow().pinHash());
    }
}
