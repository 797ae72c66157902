package org.jinban.kiosk.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jinban.kiosk.privacy.KioskSecret;
import org.jinban.kiosk.staff.LoginResult.BadCredentials;
import org.jinban.kiosk.staff.LoginResult.Locked;
import org.jinban.kiosk.staff.LoginResult.Malformed;
import org.jinban.kiosk.staff.LoginResult.Success;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.testing.CapturedLogs;
import org.jinban.kiosk.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StaffAuthenticatorTest {
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
    private static final String BADGE = "JBSTAFF:S001";
    private static final String PIN = "246810";

    @TempDir
    Path dir;
    private Database db;
    private StaffStore store;
    private final TestClock clock = new TestClock(START);
    private final PinHasher hasher = new PinHasher(1_000);
    private StaffAuthenticator auth;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("data"));
        store = new StaffStore(db, KioskSecret.loadOrCreate(dir.resolve("kiosk.secret")).cipher(), clock);
        store.upsert("S001", "王芳", hasher.hash(PIN), true);
        store.upsert("S-OLD", "李强", hasher.hash("135790"), false);
        auth = new StaffAuthenticator(store, hasher, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theRightBadgeAndPinLogIn() {
        assertEquals(new Success(new StaffMember("S001", "王芳")), auth.login(BADGE, PIN));
    }

    @Test
    void theScannersLineEndIsNotPartOfTheBadge() {
        assertInstanceOf(Success.class, auth.login(BADGE + "\r\n", PIN));
    }

    @Test
    void eachWrongPinCountsDownAndTheFifthLocksForFifteenMinutes() {
        for (int left = 4; left >= 1; left--) {
            assertEquals(new BadCredentials(left), auth.login(BADGE, "111111"));
        }
        clock.advance(Duration.ofSeconds(10));
        assertEquals(new Locked(START.plusSeconds(10).plus(StaffAuthenticator.LOCK)), auth.login(BADGE, "111111"));
        assertEquals(Duration.ofMinutes(15), StaffAuthenticator.LOCK);
        assertEquals(5, StaffAuthenticator.MAX_FAILURES);
    }

    @Test
    void aLockedBadgeIsRefusedEvenWithTheRightPinUntilTheLockEnds() {
        lock();
        Instant until = START.plus(StaffAuthenticator.LOCK);
        assertEquals(new Locked(until), auth.login(BADGE, PIN));
        clock.advance(StaffAuthenticator.LOCK.minusSeconds(1));
        assertEquals(new Locked(until), auth.login(BADGE, PIN));
        assertEquals(new Locked(until), auth.login(BADGE, "111111"), "wrong PINs while locked do not extend it");
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(Success.class, auth.login(BADGE, PIN));
    }

    @Test
    void afterALockTheCountStartsAgain() {
        lock();
        clock.advance(StaffAuthenticator.LOCK);
        assertEquals(new BadCredentials(4), auth.login(BADGE, "111111"));
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        auth.login(BADGE, "111111");
        auth.login(BADGE, "111111");
        assertInstanceOf(Success.class, auth.login(BADGE, PIN));
        assertEquals(new BadCredentials(4), auth.login(BADGE, "111111"));
    }

    @Test
    void anUnknownBadgeLooksLikeAWrongPinAndCostsOneDerivation() {
        long before = hasher.derivations();
        assertEquals(new BadCredentials(StaffAuthenticator.MAX_FAILURES - 1), auth.login("JBSTAFF:S404", PIN));
        assertEquals(before + 1, hasher.derivations(), "as much work as checking a real badge's PIN");
        long known = hasher.derivations();
        auth.login(BADGE, "111111");
        assertEquals(known + 1, hasher.derivations());
    }

    @Test
    void anUnknownBadgeCountsDownAndLocksExactlyLikeARealOne() {
        List<LoginResult> real = new ArrayList<>();
        List<LoginResult> madeUp = new ArrayList<>();
        for (int i = 0; i < StaffAuthenticator.MAX_FAILURES + 1; i++) {
            real.add(auth.login(BADGE, "111111"));
            madeUp.add(auth.login("JBSTAFF:S404", "111111"));
        }
        assertEquals(real, madeUp, "nothing in the answers tells a real badge from a made-up one");
        assertInstanceOf(Locked.class, madeUp.getLast());
        clock.advance(StaffAuthenticator.LOCK.plusSeconds(1));
        assertEquals(new BadCredentials(StaffAuthenticator.MAX_FAILURES - 1), auth.login("JBSTAFF:S404", "111111"));
    }

    @Test
    void anInactiveBadgeLooksLikeAnUnknownOneEvenWithItsPin() {
        long before = hasher.derivations();
        assertEquals(new BadCredentials(StaffAuthenticator.MAX_FAILURES - 1), auth.login("JBSTAFF:S-OLD", "135790"));
        assertEquals(before + 1, hasher.derivations());
        assertEquals(0, store.find("S-OLD").orElseThrow().failedLogins());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"S001", "JBSTAFF:", "jbstaff:S001", "JBSTAFF:S 001", "JBSTAFF:S001;x", "JBSTAFF:王芳",
            "JBSTAFF:S001:S002", "JBSTAFF:123456789012345678901234567890123", "xJBSTAFF:S001"})
    void aBadgeOfAnotherFormIsMalformedAndCountsNothing(String badge) {
        long before = hasher.derivations();
        LoginResult r = auth.login(badge, PIN);
        Malformed m = assertInstanceOf(Malformed.class, r);
        assertEquals("badge", m.field());
        assertEquals(before, hasher.derivations());
        assertEquals(0, store.find("S001").orElseThrow().failedLogins());
    }

    @Test
    void aBadgeIdOf32CharactersIsWellFormed() {
        assertEquals(new BadCredentials(4), auth.login("JBSTAFF:" + "A-1".repeat(10) + "Zz", PIN));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"123", "123456789", "12a456", "１２３４５６", " 246810", "24 6810"})
    void aPinOfAnotherFormIsMalformedAndCountsNothing(String pin) {
        Malformed m = assertInstanceOf(Malformed.class, auth.login(BADGE, pin));
        assertEquals("pin", m.field());
        assertEquals(0, store.find("S001").orElseThrow().failedLogins());
    }

    @Test
    void aFourDigitPinIsWellFormed() {
        assertEquals(new BadCredentials(4), auth.login(BADGE, "1234"));
    }

    @Test
    void noLogLineCarriesANameOrAPin() {
        try (CapturedLogs logs = CapturedLogs.of(StaffAuthenticator.class)) {
            auth.login(BADGE, PIN);
            auth.login("JBSTAFF:S404", "975318");
            lock();
            auth.login(BADGE, PIN);
            String all = logs.all();
            assertTrue(all.contains("locked"), all);
            for (String secret : new String[] {"王", "李", PIN, "975318", "111111", "pbkdf2"}) {
                assertFalse(all.contains(secret), secret + " in " + all);
            }
        }
    }

    private void lock() {
        for (int i = 0; i < StaffAuthenticator.MAX_FAILURES; i++) {
            auth.login(BADGE, "111111");
        }
        assertTrue(store.find("S001").orElseThrow().lockedAt(clock.instant()));
    }
}
