package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.testing.RunningKiosk;
import org.jinban.kiosk.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/staff/sync} on a kiosk without a central platform: staff only, and it says so. */
@Timeout(60)
class StaffSyncApiIT {
    @TempDir
    Path dir;

    @Test
    void aKioskWithoutAPlatformSaysSoToStaffOnly() throws Exception {
        try (RunningKiosk kiosk = RunningKiosk.start(dir, AppealConfig.defaults(),
                TestClock.shanghai("2026-11-23T02:00:00Z"))) {
            HttpResponse<String> anonymous = kiosk.get("/api/v1/staff/sync");
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            assertEquals("https://jinban.org/problems/staff-session-required", kiosk.json(anonymous).path("type")
                    .asText(), anonymous.body());

            HttpResponse<String> login = kiosk.post("/api/v1/staff/session",
                    "{\"badge\":\"JBSTAFF:S002\",\"pin\":\"135790\"}");
            assertEquals(201, login.statusCode(), login.body());
            String token = kiosk.json(login).path("token").asText();
            HttpResponse<String> res = kiosk.send(HttpRequest.newBuilder(kiosk.uri("/api/v1/staff/sync"))
                    .header("Authorization", "Bearer " + token).GET());
            assertEquals(200, res.statusCode(), res.body());
            JsonNode body = kiosk.json(res);
            assertEquals(1, body.size(), res.body());
            assertEquals(false, body.path("configured").asBoolean(true), res.body());
            assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));

            HttpResponse<String> post = kiosk.post("/api/v1/staff/sync", "{}", "Authorization", "Bearer " + token);
            assertEquals(405, post.statusCode(), post.body());
        }
    }
}
