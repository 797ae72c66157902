package org.jinban.kiosk.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.testing.RunningKiosk;
import org.jinban.kiosk.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Staff log-in, lockout, session end, proxy filing, reprint and the audit chain, over HTTP. */
@Timeout(120)
class StaffApiIT {
    @TempDir
    Path dir;
    RunningKiosk kiosk;
    TestClock clock = TestClock.shanghai("2026-11-23T02:00:00Z");

    @BeforeEach
    void start() {
        kiosk = RunningKiosk.start(dir, AppealConfig.defaults(), clock);
    }

    @AfterEach
    void stop() {
        kiosk.close();
    }

    @Test
    void staffCallsNeedASession() throws Exception {
        for (String path : new String[] {"/api/v1/staff/appeals", "/api/v1/staff/devices", "/api/v1/staff/audit"}) {
            HttpResponse<String> res = kiosk.get(path);
            assertEquals(401, res.statusCode(), path);
            assertTrue(res.body().contains("staff-session-required"), res.body());
        }
        assertEquals(401, kiosk.post("/api/v1/staff/appeals", "{}").statusCode());
        assertEquals(401, staffGet("/api/v1/staff/appeals", "made-up-token").statusCode());
    }

    @Test
    void fiveWrongPinsLockTheBadgeForFifteenMinutes() throws Exception {
        for (int left = 4; left >= 0; left--) {
            HttpResponse<String> res = login("JBSTAFF:S001", "999999");
            if (left > 0) {
                assertEquals(401, res.statusCode(), res.body());
                assertEquals(left, kiosk.json(res).get("attemptsLeft").asInt(), res.body());
            } else {
                assertTrue(res.statusCode() == 401 || res.statusCode() == 423, res.body());
            }
        }
        HttpResponse<String> locked = login("JBSTAFF:S001", "246810");
        assertEquals(423, locked.statusCode(), "even the right PIN is refused while locked");
        assertTrue(kiosk.json(locked).has("lockedUntil"));
        assertEquals(201, login("JBSTAFF:S002", "135790").statusCode(), "another badge is not locked");
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertEquals(201, login("JBSTAFF:S001", "246810").statusCode());
        assertEquals(400, login("not a badge", "246810").statusCode());
        assertEquals(401, login("JBSTAFF:NOBODY", "246810").statusCode());
    }

    @Test
    void aSessionEndsAfterFiveIdleMinutesAndAtLogout() throws Exception {
        String token = token("JBSTAFF:S001", "246810");
        assertEquals(200, staffGet("/api/v1/staff/devices", token).statusCode());
        clock.advance(Duration.ofMinutes(4));
        assertEquals(200, staffGet("/api/v1/staff/devices", token).statusCode(), "a call keeps it alive");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertEquals(401, staffGet("/api/v1/staff/devices", token).statusCode());

        String again = token("JBSTAFF:S001", "246810");
        HttpResponse<String> out = kiosk.send(HttpRequest.newBuilder(kiosk.uri("/api/v1/staff/session"))
                .header("Authorization", "Bearer " + again).DELETE());
        assertEquals(204, out.statusCode());
        assertEquals(401, staffGet("/api/v1/staff/devices", again).statusCode());
    }

    @Test
    void staffFileOnAResidentsBehalfReprintAndEveryActionIsInTheAuditChain() throws Exception {
        String token = token("JBSTAFF:S001", "246810");
        Map<String, Object> body = new HashMap<>();
        body.put("id", UUID.randomUUID().toString());
        body.put("category", "LIVELIHOOD-ELDERLY");
        body.put("description", "老人行动不便，需要上门服务");
        body.put("consent", true);
        HttpResponse<String> noCard = kiosk.post("/api/v1/staff/appeals", kiosk.toJson(body), "Authorization",
                "Bearer " + token);
        assertEquals(400, noCard.statusCode(), noCard.body());
        assertTrue(noCard.body().contains("cardToken") && noCard.body().contains("residentConsent"), noCard.body());

        kiosk.post("/api/v1/simulator/card", "{\"present\":true}");
        String card = null;
        for (int i = 0; i < 50 && card == null; i++) {
            HttpResponse<String> res = kiosk.post("/api/v1/identity/card", "");
            card = res.statusCode() == 201 ? kiosk.json(res).get("token").asText() : null;
            Thread.sleep(card == null ? 100 : 0);
        }
        body.put("cardToken", card);
        body.put("residentConsent", true);
        HttpResponse<String> filed = kiosk.post("/api/v1/staff/appeals", kiosk.toJson(body), "Authorization",
                "Bearer " + token);
        assertEquals(201, filed.statusCode(), filed.body());
        JsonNode appeal = kiosk.json(filed);
        assertTrue(appeal.get("proxy").asBoolean());
        String no = appeal.get("trackingNo").asText();

        JsonNode list = kiosk.json(staffGet("/api/v1/staff/appeals?filter=unacknowledged", token));
        assertEquals(1, list.get("appeals").size());
        assertEquals("S001", list.get("appeals").get(0).get("proxyStaffId").asText());
        assertEquals(0, kiosk.json(staffGet("/api/v1/staff/appeals?filter=overdue", token)).get("appeals").size());
        clock.advance(Duration.ofDays(30));
        token = token("JBSTAFF:S001", "246810");
        assertEquals(1, kiosk.json(staffGet("/api/v1/staff/appeals?filter=overdue", token)).get("appeals").size());
        assertEquals(400, staffGet("/api/v1/staff/appeals?filter=everything", token).statusCode());

        HttpResponse<String> reprint = kiosk.post("/api/v1/staff/appeals/" + no + "/reprint", "", "Authorization",
                "Bearer " + token);
        assertEquals(200, reprint.statusCode(), reprint.body());
        assertEquals("PRINTED", kiosk.json(reprint).get("receipt").get("state").asText());
        assertEquals(2, kiosk.json(kiosk.get("/api/v1/simulator/receipts")).get("receipts").size());

        JsonNode devices = kiosk.json(staffGet("/api/v1/staff/devices", token)).get("devices");
        assertTrue(devices.has("printer") && devices.has("idcard"), devices.toString());

        JsonNode audit = kiosk.json(staffGet("/api/v1/staff/audit", token));
        assertTrue(audit.get("intact").asBoolean(), audit.toString());
        try (Connection c = kiosk.kiosk().database().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log"
                     + " ORDER BY seq)")) {
            rs.next();
            String actions = rs.getString(1);
            for (String a : new String[] {"staff.login", "appeal.proxy-filed", "staff.list-appeals",
                    "receipt.reprinted"}) {
                assertTrue(actions.contains(a), actions);
            }
        }
        try (Connection c = kiosk.kiosk().database().connection(); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER audit_log_no_update");
            st.executeUpdate("UPDATE audit_log SET detail = '{}' WHERE seq = 2");
        }
        JsonNode broken = kiosk.json(staffGet("/api/v1/staff/audit", token));
        assertFalse(broken.get("intact").asBoolean());
        assertEquals(2, broken.get("brokenAt").asInt());
    }

    private HttpResponse<String> login(String badge, String pin) throws Exception {
        return kiosk.post("/api/v1/staff/session", "{\"badge\":\"" + badge + "\",\"pin\":\"" + pin + "\"}");
    }

    private String token(String badge, String pin) throws Exception {
        HttpResponse<String> res = login(badge, pin);
        assertEquals(201, res.statusCode(), res.body());
        return kiosk.json(res).get("token").asText();
    }

    private HttpResponse<String> staffGet(String path, String token) throws Exception {
        return kiosk.send(HttpRequest.newBuilder(kiosk.uri(path)).header("Authorization", "Bearer " + token).GET());
    }
}
