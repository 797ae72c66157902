package org.jinban.kiosk.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jinban.kiosk.testing.TestClock;
import org.junit.jupiter.api.Test;

class StaffSessionsTest {
    private static final StaffMember WANG = new StaffMember("S001", "王芳");
    private static final StaffMember LI = new StaffMember("S002", "李强");

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T08:00:00Z"));
    private final StaffSessions sessions = new StaffSessions(clock);

    @Test
    void aTokenIs32RandomBytesInBase64Url() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            String token = sessions.open(WANG);
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
            assertEquals(32, Base64.getUrlDecoder().decode(token).length);
            tokens.add(token);
        }
        assertEquals(10, tokens.size());
    }

    @Test
    void aTokenLeadsToItsStaffMember() {
        String wang = sessions.open(WANG);
        String li = sessions.open(LI);
        assertEquals(Optional.of(WANG), sessions.touch(wang));
        assertEquals(Optional.of(LI), sessions.touch(li));
        assertEquals(Optional.empty(), sessions.touch("not-a-token"));
        assertEquals(Optional.empty(), sessions.touch(null));
    }

    @Test
    void aSessionEndsFiveMinutesAfterItsLastUse() {
        String token = sessions.open(WANG);
        clock.advance(Duration.ofMinutes(4));
        assertTrue(sessions.touch(token).isPresent());
        clock.advance(Duration.ofMinutes(4));
        assertTrue(sessions.touch(token).isPresent(), "each use starts the idle time again");
        clock.advance(Duration.ofMinutes(5));
        assertTrue(sessions.touch(token).isEmpty());
        clock.advance(Duration.ofMinutes(-10));
        assertTrue(sessions.touch(token).isEmpty(), "an expired session is gone, not just asleep");
    }

    @Test
    void exactlyTheIdleTimeIsTooLong() {
        String token = sessions.open(WANG);
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertTrue(sessions.touch(token).isPresent());
        clock.advance(Duration.ofMinutes(5));
        assertTrue(sessions.touch(token).isEmpty());
    }

    @Test
    void theIdleTimeCanBeChosen() {
        StaffSessions quick = new StaffSessions(clock, Duration.ofSeconds(30));
        String token = quick.open(WANG);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(quick.touch(token).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new StaffSessions(clock, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new StaffSessions(clock, Duration.ofSeconds(-1)));
    }

    @Test
    void closeEndsOneSessionAndCloseAllEveryOne() {
        String wang = sessions.open(WANG);
        String li = sessions.open(LI);
        sessions.close(wang);
        sessions.close(null);
        sessions.close("unknown");
        assertTrue(sessions.touch(wang).isEmpty());
        assertTrue(sessions.touch(li).isPresent());
        sessions.closeAll();
        assertTrue(sessions.touch(li).isEmpty());
        assertEquals(0, sessions.count());
    }

    @Test
    void openingOneTooManyEndsTheLeastRecentlyUsed() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < StaffSessions.MAX_SESSIONS; i++) {
            tokens.add(sessions.open(WANG));
            clock.advance(Duration.ofSeconds(1));
        }
        assertTrue(sessions.touch(tokens.get(0)).isPresent()); // the first is now the most recent
        String extra = sessions.open(LI);
        assertEquals(StaffSessions.MAX_SESSIONS, sessions.count());
        assertTrue(sessions.touch(tokens.get(0)).isPresent());
        assertTrue(sessions.touch(tokens.get(1)).isEmpty(), "the one used least recently is gone");
        assertTrue(sessions.touch(extra).isPresent());
        for (int i = 2; i < tokens.size(); i++) {
            assertTrue(sessions.touch(tokens.get(i)).isPresent(), "session " + i);
        }
    }

    @Test
    void expiredSessionsMakeRoomBeforeALiveOneIsEnded() {
        String old = sessions.open(WANG);
        clock.advance(Duration.ofMinutes(6));
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < StaffSessions.MAX_SESSIONS; i++) {
            fresh.add(sessions.open(LI));
        }
        assertEquals(StaffSessions.MAX_SESSIONS, sessions.count());
        assertTrue(sessions.touch(old).isEmpty());
        for (String t : fresh) {
            assertTrue(sessions.touch(t).isPresent());
        }
    }

    @Test
    void countLeavesOutExpiredSessions() {
        sessions.open(WANG);
        clock.advance(Duration.ofMinutes(3));
        sessions.open(LI);
        assertEquals(2, sessions.count());
        clock.advance(Duration.ofMinutes(3));
        assertEquals(1, sessions.count());
    }

    @Test
    void toStringShowsNoTokenAndNoName() {
        String token = sessions.open(WANG);
        assertFalse(sessions.toString().contains(token));
        assertFalse(sessions.toString().contains("王"));
        assertNotEquals("", sessions.toString());
    }

    @Test
    void closeUnlessEndsOnlyTheSessionsOfStaffItDoesNotAccept() {
        String wang = sessions.open(WANG);
        String wangAgain = sessions.open(WANG);
        String li = sessions.open(LI);
        assertEquals(2, sessions.closeUnless("S002"::equals));
        assertTrue(sessions.touch(wang).isEmpty());
        assertTrue(sessions.touch(wangAgain).isEmpty());
        assertEquals(Optional.of(LI), sessions.touch(li));
    }

    @Test
    void anIdleTimeChangedWhileRunningAppliesToOpenSessions() {
        Duration[] idle = {Duration.ofMinutes(5)};
        StaffSessions live = new StaffSessions(clock, () -> idle[0]);
        String token = live.open(WANG);
        clock.advance(Duration.ofMinutes(2));
        assertTrue(live.touch(token).isPresent());
        idle[0] = Duration.ofMinutes(1);
        assertEquals(Duration.ofMinutes(1), live.idle());
        clock.advance(Duration.ofSeconds(61));
        assertTrue(live.touch(token).isEmpty(), "the shorter idle time ends the session");
    }
}
