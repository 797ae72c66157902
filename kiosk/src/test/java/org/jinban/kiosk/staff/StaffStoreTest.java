package org.jinban.kiosk.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.jinban.kiosk.privacy.KioskSecret;
import org.jinban.kiosk.privacy.PersonalDataCipher;
import org.jinban.kiosk.privacy.PrivacyException;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaffStoreTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private PersonalDataCipher cipher;
    private final TestClock clock = new TestClock(START);
    private StaffStore store;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data"));
        cipher = KioskSecret.loadOrCreate(dir.resolve("kiosk.secret")).cipher();
        store = new StaffStore(db, cipher, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aSavedStaffMemberIsFoundWithTheirNameDecrypted() {
        store.upsert("S001", "王芳", "pbkdf2-sha256$1000$a$b", true);
        StoredStaff s = store.find("S001").orElseThrow();
        assertEquals(new StoredStaff("S001", "王芳", "pbkdf2-sha256$1000$a$b", true, 0, null), s);
        assertEquals(new StaffMember("S001", "王芳"), s.member());
    }

    @Test
    void theNameIsStoredEncryptedAndBoundToItsRow() throws Exception {
        store.upsert("S001", "王芳", "h", true);
        byte[] stored = nameEnc("S001");
        assertFalse(contains(stored, "王芳".getBytes(StandardCharsets.UTF_8)), "no name in clear on disk");
        assertEquals("王芳", cipher.decrypt(stored, "staff/S001/name"));
    }

    @Test
    void thePinHashIsSealedToo() throws Exception {
        store.upsert("S001", "王芳", "pbkdf2-sha256$20000$c2FsdA$aGFzaA", true);
        store.upsert("S002", "李强", "pbkdf2-sha256$20000$b3RoZXI$b3RoZXI", true);
        String raw;
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pin_hash FROM staff WHERE id = 'S001'")) {
            rs.next();
            raw = rs.getString(1);
        }
        assertFalse(raw.contains("pbkdf2") || raw.contains("c2FsdA"), "no salt or hash to guess PINs against");
        assertEquals("pbkdf2-sha256$20000$c2FsdA$aGFzaA", store.find("S001").orElseThrow().pinHash());
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("UPDATE staff SET pin_hash = ? WHERE id = 'S002'")) {
            ps.setString(1, raw);
            ps.executeUpdate();
        }
        assertThrows(PrivacyException.class, () -> store.find("S002"), "a hash moved to another badge is useless");
    }

    @Test
    void aNameCopiedIntoAnotherRowDoesNotDecrypt() throws Exception {
        store.upsert("S001", "王芳", "h", true);
        store.upsert("S002", "李强", "h", true);
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("UPDATE staff SET name_enc = ? WHERE id = 'S002'")) {
            ps.setBytes(1, nameEnc("S001"));
            ps.executeUpdate();
        }
        PrivacyException e = assertThrows(PrivacyException.class, () -> store.find("S002"));
        assertFalse(e.getMessage().contains("王芳"));
    }

    @Test
    void anUnknownIdIsEmpty() {
        assertTrue(store.find("S404").isEmpty());
    }

    @Test
    void upsertReplacesNamePinAndActiveButKeepsTheFailureCountAndLock() {
        store.upsert("S001", "王芳", "old", true);
        store.recordFailure("S001");
        store.recordFailure("S001");
        store.upsert("S001", "王芳芳", "new", false);
        StoredStaff s = store.find("S001").orElseThrow();
        assertEquals("王芳芳", s.name());
        assertEquals("new", s.pinHash());
        assertFalse(s.active());
        assertEquals(2, s.failedLogins());
    }

    @Test
    void upsertNeedsAnIdANameAndAHash() {
        assertThrows(IllegalArgumentException.class, () -> store.upsert(" ", "王芳", "h", true));
        assertThrows(NullPointerException.class, () -> store.upsert("S001", null, "h", true));
        assertThrows(NullPointerException.class, () -> store.upsert("S001", "王芳", null, true));
        assertTrue(store.isEmpty());
    }

    @Test
    void failuresCountUpAndTheFifthLocksForFifteenMinutesAndStartsTheCountAgain() {
        store.upsert("S001", "王芳", "h", true);
        for (int i = 1; i < StaffAuthenticator.MAX_FAILURES; i++) {
            assertEquals(i, store.recordFailure("S001"));
            assertEquals(i, store.find("S001").orElseThrow().failedLogins());
            assertNull(store.find("S001").orElseThrow().lockedUntil());
        }
        clock.advance(Duration.ofSeconds(30));
        assertEquals(5, store.recordFailure("S001"));
        StoredStaff s = store.find("S001").orElseThrow();
        assertEquals(0, s.failedLogins());
        assertEquals(START.plusSeconds(30).plus(Duration.ofMinutes(15)), s.lockedUntil());
        assertTrue(s.lockedAt(clock.instant()));
        assertTrue(s.lockedAt(s.lockedUntil().minusMillis(1)));
        assertFalse(s.lockedAt(s.lockedUntil()));
    }

    @Test
    void aSuccessClearsTheCountAndTheLock() {
        store.upsert("S001", "王芳", "h", true);
        for (int i = 0; i < 5; i++) {
            store.recordFailure("S001");
        }
        store.recordFailure("S001");
        store.recordSuccess("S001");
        StoredStaff s = store.find("S001").orElseThrow();
        assertEquals(0, s.failedLogins());
        assertNull(s.lockedUntil());
    }

    @Test
    void aFailureOfAnUnknownIdCountsNothing() {
        assertEquals(0, store.recordFailure("S404"));
        store.recordSuccess("S404");
        assertTrue(store.isEmpty());
    }

    @Test
    void isEmptyUntilTheFirstStaffMember() {
        assertTrue(store.isEmpty());
        store.upsert("S001", "王芳", "h", false);
        assertFalse(store.isEmpty());
    }

    @Test
    void toStringOfARowShowsNeitherTheNameNorTheHash() {
        StoredStaff s = new StoredStaff("S001", "王芳", "pbkdf2-sha256$1000$salt$hash", true, 2, null);
        assertFalse(s.toString().contains("王芳"), s.toString());
        assertFalse(s.toString().contains("salt"), s.toString());
        assertTrue(s.toString().contains("S001"));
    }

    private byte[] nameEnc(String id) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name_enc FROM staff WHERE id = '" + id + "'")) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
