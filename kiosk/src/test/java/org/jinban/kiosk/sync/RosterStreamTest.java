package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jinban.kiosk.staff.DemoRoster;
import org.jinban.kiosk.staff.LoginResult;
import org.jinban.kiosk.staff.PinHasher;
import org.jinban.kiosk.staff.StaffAuthenticator;
import org.jinban.kiosk.staff.StaffMember;
import org.jinban.kiosk.staff.StaffSessions;
import org.jinban.kiosk.staff.StaffStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterStreamTest {
    @TempDir
    Path dir;
    private StreamFixture f;
    private final PinHasher hasher = new PinHasher(1_000);
    private StaffStore staff;
    private StaffSessions sessions;
    private StaffAuthenticator auth;
    private RosterStream roster;

    @BeforeEach
    void open() {
        f = new StreamFixture(dir);
        staff = new StaffStore(f.db, f.secret.cipher(), f.clock);
        sessions = new StaffSessions(f.clock);
        auth = new StaffAuthenticator(staff, hasher, f.clock);
        roster = new RosterStream(f.db, staff, sessions, f.store, f.json, f.clock);
        DemoRoster.seedIfEmpty(staff, hasher);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private Map<String, Object> member(String id, String name, String pinHash, Object active) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("pinHash", pinHash);
        m.put("active", active);
        return m;
    }

    private String snapshot(Object... members) throws Exception {
        return f.json.writeValueAsString(Map.of("staff", List.of(members)));
    }

    @Test
    void aSnapshotReplacesTheDemoRosterAndEndsTheSessionsOfWhoeverLeft() throws Exception {
        String s001 = sessions.open(new StaffMember("S001", "王芳"));
        String s002 = sessions.open(new StaffMember("S002", "李强"));
        roster.apply(1, RosterStream.SNAPSHOT, snapshot(member("S002", "李强", hasher.hash("135790"), true),
                member("G-07", "赵敏", hasher.hash("482916"), true), member("G-08", "钱进", hasher.hash("482916"), false)));

        assertEquals(1, f.cursors.cursor(RosterStream.STREAM));
        assertTrue(staff.find("S001").isEmpty(), "a member the snapshot does not name is gone");
        assertInstanceOf(LoginResult.Success.class, auth.login("JBSTAFF:G-07", "482916"));
        assertInstanceOf(LoginResult.BadCredentials.class, auth.login("JBSTAFF:G-08", "482916"), "inactive");
        assertInstanceOf(LoginResult.BadCredentials.class, auth.login("JBSTAFF:S001", "246810"), "the demo badge");
        assertTrue(sessions.touch(s001).isEmpty(), "the session of a member who left ended");
        assertTrue(sessions.touch(s002).isPresent(), "a member who stays keeps their session");
        assertEquals("赵敏", staff.find("G-07").orElseThrow().name());
        List<String> audits = f.audits("staff.roster-applied");
        assertEquals(1, audits.size());
        assertTrue(audits.getFirst().contains("\"removed\":1"), audits.getFirst());
        assertFalse(f.wholeAuditLog().contains("赵敏"), "no staff name in the audit log");
    }

    @Test
    void makingAMemberInactiveEndsTheirSessionAndLogin() throws Exception {
        String token = sessions.open(new StaffMember("S002", "李强"));
        roster.apply(1, RosterStream.SNAPSHOT, snapshot(member("S002", "李强", hasher.hash("135790"), false)));
        assertTrue(sessions.touch(token).isEmpty());
        assertInstanceOf(LoginResult.BadCredentials.class, auth.login("JBSTAFF:S002", "135790"));
    }

    @Test
    void aLockedBadgeThatStaysStaysLocked() throws Exception {
        for (int i = 0; i < StaffAuthenticator.MAX_FAILURES; i++) {
            auth.login("JBSTAFF:S002", "000000");
        }
        assertInstanceOf(LoginResult.Locked.class, auth.login("JBSTAFF:S002", "135790"));
        roster.apply(1, RosterStream.SNAPSHOT, snapshot(member("S002", "李强", hasher.hash("135790"), true)));
        assertInstanceOf(LoginResult.Locked.class, auth.login("JBSTAFF:S002", "135790"),
                "a roster update does not unlock a badge");
    }

    @Test
    void onceTheCentreSentARosterTheDemoBadgesAreNeverSeededAgain() throws Exception {
        roster.apply(1, RosterStream.SNAPSHOT, snapshot());
        assertTrue(staff.isEmpty());
        assertTrue(staff.centralRosterApplied());
        DemoRoster.seedIfEmpty(staff, hasher);
        assertTrue(staff.isEmpty(), "an empty central roster is not filled with the demo badges");
    }

    @Test
    void theSameSnapshotAgainGivesTheSameRoster() throws Exception {
        String body = snapshot(member("G-07", "赵敏", hasher.hash("482916"), true));
        roster.apply(1, RosterStream.SNAPSHOT, body);
        roster.apply(2, RosterStream.SNAPSHOT, body);
        assertEquals(2, f.cursors.cursor(RosterStream.STREAM));
        assertInstanceOf(LoginResult.Success.class, auth.login("JBSTAFF:G-07", "482916"));
        assertTrue(staff.find("S002").isEmpty());
    }

    @Test
    void oneBadMemberRefusesTheWholeSnapshotAndChangesNothing() throws Exception {
        String good = hasher.hash("482916");
        List<String> bad = new ArrayList<>(List.of("not json", "{}", "{\"staff\":{}}", "{\"staff\":[1]}"));
        for (Map<String, Object> m : List.of(
                member("G 07", "赵敏", good, true),
                member("", "赵敏", good, true),
                member("G-09", "", good, true),
                member("G-09", "赵".repeat(65), good, true),
                member("G-09", "赵敏", "plain-246810", true),
                member("G-09", "赵敏", "pbkdf2-sha256$10$c2FsdHNhbHRzYWx0$" + "A".repeat(43) + "=", true),
                member("G-09", "赵敏", good.substring(0, good.length() - 4), true),
                member("G-09", "赵敏", good, "yes"),
                member("G-09", "赵敏", good, null))) {
            // the first member is good: a partial apply would add it
            bad.add(snapshot(member("G-01", "孙悦", good, true), m));
        }
        bad.add(snapshot(member("G-01", "孙悦", good, true), member("G-01", "孙悦", good, true)));
        for (String body : bad) {
            assertThrows(AppealStatusStream.CannotApply.class, () -> roster.apply(1, RosterStream.SNAPSHOT, body), body);
        }
        assertThrows(AppealStatusStream.CannotApply.class,
                () -> roster.apply(1, "roster.delta", snapshot(member("G-01", "孙悦", good, true))));
        assertEquals(0, f.cursors.cursor(RosterStream.STREAM), "a refused snapshot moves nothing");
        assertTrue(staff.find("G-01").isEmpty(), "no partial apply");
        assertInstanceOf(LoginResult.Success.class, auth.login("JBSTAFF:S001", "246810"), "the roster held stays");
        assertFalse(staff.centralRosterApplied());
    }

    @Test
    void theRefusalNamesTheFieldButNeverTheNameOrHash() throws Exception {
        AppealStatusStream.CannotApply e = assertThrows(AppealStatusStream.CannotApply.class, () -> roster.apply(1,
                RosterStream.SNAPSHOT, snapshot(member("G-09", "赵敏", "pbkdf2-sha256$x$secret-ish$y", true))));
        assertTrue(e.getMessage().startsWith("staff[0].pinHash"), e.getMessage());
        assertFalse(e.getMessage().contains("赵敏") || e.getMessage().contains("secret-ish"), e.getMessage());
    }
}
