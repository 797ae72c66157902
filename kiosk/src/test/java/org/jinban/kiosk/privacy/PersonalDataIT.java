package org.jinban.kiosk.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.devices.idcard.IdCardRecord;
import org.jinban.devices.idcard.IdCardSamples;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.testing.RunningKiosk;
import org.jinban.kiosk.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Files appeals with a known name, ID number and phone number, and then looks for them in clear
 * in every log line and in every byte of the database files; then proves the purge.
 */
@Timeout(120)
class PersonalDataIT {
    private static final String PHONE = "13912345678";
    private static final String OTHER_PERSON = "欧阳志远";

    @TempDir
    Path dir;

    @Test
    void personalDataIsNeverInTheLogsNorInClearInTheDatabaseAndIsPurgedAfterTheRetention() throws Exception {
        IdCardRecord card = IdCardSamples.testSample();
        TestClock clock = TestClock.shanghai("2026-11-23T02:00:00Z");
        AppealConfig config = new AppealConfig("01", Duration.ofDays(7), Duration.ofHours(1), Duration.ofMinutes(5),
                Optional.empty(), true, Optional.empty());
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("org.jinban");
        Level before = ours.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        ours.setLevel(Level.DEBUG);
        List<String> trackingNos = new ArrayList<>();
        Path data;
        try (RunningKiosk kiosk = RunningKiosk.start(dir, config, clock)) {
            data = kiosk.kiosk().database().file().getParent();
            kiosk.post("/api/v1/simulator/card", "{\"present\":true}");
            String token = null;
            for (int i = 0; i < 50 && token == null; i++) {
                HttpResponse<String> res = kiosk.post("/api/v1/identity/card", "");
                token = res.statusCode() == 201 ? kiosk.json(res).get("token").asText() : null;
                Thread.sleep(token == null ? 100 : 0);
            }
            for (int i = 0; i < 20; i++) {
                Map<String, Object> body = new HashMap<>();
                body.put("id", UUID.randomUUID().toString());
                body.put("category", "STABILITY-NEIGHBOUR");
                body.put("description", "邻居" + OTHER_PERSON + "半夜敲墙，第" + i + "次");
                body.put("phone", PHONE);
                body.put("place", OTHER_PERSON + "家楼下");
                body.put("cardToken", token);
                body.put("consent", true);
                HttpResponse<String> res = kiosk.post("/api/v1/appeals", kiosk.toJson(body));
                assertEquals(201, res.statusCode(), res.body());
                JsonNode filed = kiosk.json(res);
                trackingNos.add(filed.get("trackingNo").asText());
                assertFalse(res.body().contains(card.name()) || res.body().contains(card.idNumber())
                        || res.body().contains(PHONE), "the answer masks everything");
            }
            // a bad filing, a failed login and a rating: the paths that log most
            kiosk.post("/api/v1/appeals", "{\"description\":\"" + card.name() + "\",\"phone\":\"" + card.idNumber()
                    + "\"}");
            kiosk.post("/api/v1/staff/session", "{\"badge\":\"JBSTAFF:S001\",\"pin\":\"000000\"}");
            String first = trackingNos.getFirst();
            kiosk.post("/api/v1/simulator/appeals/" + first + "/status", "{\"status\":\"RESOLVED\"}");
            kiosk.post("/api/v1/appeals/" + first + "/rating", "{\"cardToken\":\"" + token
                    + "\",\"level\":\"VERY_DISSATISFIED\",\"reason\":\"" + OTHER_PERSON + "还在敲\"}");
            Thread.sleep(500); // receipts print on their own thread

            String logged = String.join("\n", logs.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList());
            assertTrue(logs.list.size() > 5, "the kiosk did log: " + logs.list.size());
            for (String secret : List.of(card.name(), card.idNumber(), PHONE, OTHER_PERSON, "246810")) {
                assertFalse(logged.contains(secret), "a log line carries personal data");
            }

            for (String secret : List.of(card.name(), card.idNumber(), PHONE, OTHER_PERSON)) {
                assertNotInFiles(data, secret);
            }

            // acknowledged by the central platform (RECEIVED) on day 1; purged 7 days later
            for (String no : trackingNos.subList(1, 11)) {
                kiosk.post("/api/v1/simulator/appeals/" + no + "/status", "{\"status\":\"RECEIVED\"}");
            }
            clock.advance(Duration.ofDays(7).minusMinutes(1));
            assertEquals(0, kiosk.kiosk().purgePersonalData(), "nothing is purged before the retention ends");
            clock.advance(Duration.ofMinutes(2));
            assertEquals(11, kiosk.kiosk().purgePersonalData(), "the ten acknowledged ones and the rated one");
            assertEquals(0, kiosk.kiosk().purgePersonalData());

            try (Connection c = kiosk.kiosk().database().connection(); Statement st = c.createStatement()) {
                assertEquals(11, count(st, "SELECT count(*) FROM appeal WHERE purged_at IS NOT NULL AND name_enc IS NULL"
                        + " AND phone_enc IS NULL AND id_hmac IS NULL AND description_enc IS NULL AND place_enc IS NULL"));
                assertEquals(9, count(st, "SELECT count(*) FROM appeal WHERE purged_at IS NULL AND name_enc IS NOT NULL"),
                        "unacknowledged appeals keep their data: the kiosk is their only copy");
                assertEquals(0, count(st, "SELECT count(*) FROM appeal_rating WHERE reason_enc IS NOT NULL"));
            }
            HttpResponse<String> cardList = kiosk.post("/api/v1/appeals/by-card", "{\"cardToken\":\"" + token + "\"}");
            if (cardList.statusCode() == 200) {
                assertEquals(9, kiosk.json(cardList).get("appeals").size(), "purged appeals no longer link to the card");
            }
        } finally {
            root.detachAppender(logs);
            ours.setLevel(before);
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every file of the data directory (database, WAL, shared memory, secret) in UTF-8 and UTF-16. */
    private static void assertNotInFiles(Path data, String secret) throws Exception {
        List<byte[]> needles = List.of(secret.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_16LE), secret.getBytes(StandardCharsets.UTF_16BE));
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                for (byte[] needle : needles) {
                    assertFalse(contains(bytes, needle), f.getFileName() + " holds personal data in clear ("
                            + HexFormat.of().formatHex(needle).length() / 2 + " bytes)");
                }
            }
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
