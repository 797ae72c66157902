package org.jinban.kiosk.appeal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.kiosk.testing.RunningKiosk;
import org.jinban.kiosk.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The resident's side of appeals through the real HTTP API, database and simulated devices. */
@Timeout(120)
class AppealApiIT {
    static final String MATTER = "SAFETY-FIRE-EXIT";

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

    static Map<String, Object> appeal(String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", UUID.randomUUID().toString());
        body.put("category", MATTER);
        body.put("description", description);
        body.put("consent", true);
        return body;
    }

    JsonNode file(Map<String, Object> body, int expected) throws Exception {
        HttpResponse<String> res = kiosk.post("/api/v1/appeals", kiosk.toJson(body));
        assertEquals(expected, res.statusCode(), res.body());
        return kiosk.json(res);
    }

    @Test
    void categoriesComeInBothLanguages() throws Exception {
        JsonNode zh = kiosk.json(kiosk.get("/api/v1/appeal-categories"));
        JsonNode en = kiosk.json(kiosk.get("/api/v1/appeal-categories?lang=en"));
        assertEquals(5, zh.get("domains").size());
        assertTrue(zh.toString().contains("消防"), zh.toString());
        assertTrue(en.toString().contains("fire") || en.toString().contains("Fire"), en.toString());
        assertEquals(400, kiosk.get("/api/v1/appeal-categories?lang=fr").statusCode());
    }

    @Test
    void aFiledAppealIsSavedPrintedAndFoundAgainByItsReceipt() throws Exception {
        Map<String, Object> body = appeal("3号楼楼道堆放杂物，堵住了消防通道");
        body.put("phone", "138 1234 5678");
        HttpResponse<String> res = kiosk.post("/api/v1/appeals", kiosk.toJson(body));
        assertEquals(201, res.statusCode(), res.body());
        JsonNode filed = kiosk.json(res);
        String no = filed.get("trackingNo").asText();
        assertTrue(TrackingNumbers.valid(no), no);
        assertTrue(no.startsWith("370783001001-01-261123-"), no);
        assertEquals("/api/v1/appeals/" + no, res.headers().firstValue("Location").orElseThrow());
        assertEquals("SUBMITTED", filed.get("status").asText());
        assertEquals("138****5678", filed.get("contact").get("phone").asText());
        assertEquals("BLUE", filed.get("warning").asText());
        assertEquals("PRINTING", filed.get("receipt").get("state").asText());
        String verifier = filed.get("verifier").asText();
        assertEquals("JB1:" + no + ":" + verifier, filed.get("qr").asText());

        JsonNode printed = awaitReceipts(1).get(0);
        assertEquals(List.of(filed.get("qr").asText()), texts(printed.get("qr")));
        String lines = printed.get("lines").toString();
        assertTrue(lines.contains(no), lines);
        assertTrue(lines.contains("370783001001"), lines);
        assertTrue(lines.contains("138****5678") && !lines.contains("13812345678"), lines);

        JsonNode view = kiosk.json(kiosk.get("/api/v1/appeals/" + no + "?verifier=" + verifier));
        assertEquals("3号楼楼道堆放杂物，堵住了消防通道", view.get("description").asText());
        assertEquals("PRINTED", view.get("receipt").get("state").asText());
        assertEquals("SUBMITTED", view.get("timeline").get(0).get("status").asText());
        assertFalse(view.has("verifier"), "the verifier is given once, with the receipt");

        JsonNode bare = kiosk.json(kiosk.get("/api/v1/appeals/" + no));
        assertEquals(Set.of("trackingNo", "status", "filedOn"), fields(bare), "a typed-in number shows nothing personal");
        assertEquals(404, kiosk.get("/api/v1/appeals/" + no + "?verifier=AAAAAAAAAAAAAAAAAAAA").statusCode());
        assertEquals(404, kiosk.get("/api/v1/appeals/" + no.substring(0, no.length() - 1) + "0?verifier="
                + verifier).statusCode());

        HttpResponse<String> png = kiosk.send(HttpRequest.newBuilder(kiosk.uri("/api/v1/appeals/" + no
                + "/receipt.png?verifier=" + verifier)).GET());
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void theSameFilingSentTwiceIsOneAppealAndOneReceipt() throws Exception {
        Map<String, Object> body = appeal("路灯不亮");
        JsonNode first = file(body, 201);
        JsonNode again = file(body, 200);
        assertEquals(first.get("trackingNo"), again.get("trackingNo"));
        awaitReceipts(1);
        Thread.sleep(300);
        assertEquals(1, kiosk.json(kiosk.get("/api/v1/simulator/receipts")).get("receipts").size());
        JsonNode second = file(appeal("路灯不亮"), 201);
        assertTrue(second.get("trackingNo").asText().startsWith("370783001001-01-261123-0002"), second.toString());
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsSaved() throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("id", "not-a-uuid");
        body.put("category", "NO-SUCH-MATTER");
        body.put("description", "   ");
        body.put("phone", "12345");
        body.put("place", "x".repeat(201));
        body.put("cardToken", "expired-token");
        body.put("consent", false);
        JsonNode problem = file(body, 400);
        assertEquals(Set.of("id", "category", "description", "phone", "place", "cardToken", "consent"),
                errorFields(problem));
        assertEquals("https://jinban.org/problems/invalid-request", problem.get("type").asText());

        assertEquals(Set.of("description"), errorFields(file(appeal("好".repeat(2_001)), 400)));
        assertEquals(Set.of("description"), errorFields(file(appeal("bell\u0007 here"), 400)));
        HttpResponse<String> lone = kiosk.post("/api/v1/appeals", "{\"category\":\"" + MATTER
                + "\",\"consent\":true,\"description\":\"broken \\uD800 text\"}");
        assertEquals(400, lone.statusCode(), lone.body());
        assertEquals(Set.of("description"), errorFields(kiosk.json(lone)));
        file(appeal("好".repeat(2_000)), 201);
        file(appeal("  两行\n文字  "), 201);
        Map<String, Object> landline = appeal("座机");
        landline.put("phone", "0536-5221234");
        file(landline, 201);
        Map<String, Object> noConsent = appeal("没有同意");
        noConsent.remove("consent");
        assertEquals(Set.of("consent"), errorFields(file(noConsent, 400)));

        for (String raw : new String[] {"", "{", "[1,2]", "\"text\"", "{\"description\": {\"a\": 1}}"}) {
            HttpResponse<String> res = kiosk.post("/api/v1/appeals", raw);
            assertEquals(400, res.statusCode(), raw + " -> " + res.body());
        }
        HttpResponse<String> list = kiosk.get("/api/v1/appeals");
        assertEquals(405, list.statusCode());
        awaitReceipts(3);
        Thread.sleep(300);
        assertEquals(3, kiosk.json(kiosk.get("/api/v1/simulator/receipts")).get("receipts").size(),
                "only the three good appeals were printed");
    }

    @Test
    void anIdentifiedAppealIsFoundByTheCardAndRatedOnceAfterItIsResolved() throws Exception {
        HttpResponse<String> none = kiosk.post("/api/v1/identity/card", "");
        assertEquals(409, none.statusCode(), none.body());
        assertTrue(none.body().contains("no-card"));
        String token = placeCard();
        JsonNode card = kiosk.json(kiosk.post("/api/v1/identity/card", ""));
        assertTrue(card.get("name").asText().contains("*"), card.toString());
        assertTrue(card.get("idNumber").asText().contains("****"), card.toString());

        Map<String, Object> body = appeal("楼上漏水到我家");
        body.put("cardToken", token);
        JsonNode filed = file(body, 201);
        String no = filed.get("trackingNo").asText();
        assertFalse(filed.get("anonymous").asBoolean());
        assertTrue(filed.get("contact").get("name").asText().contains("*"));

        JsonNode mine = kiosk.json(kiosk.post("/api/v1/appeals/by-card", "{\"cardToken\":\"" + token + "\"}"));
        assertEquals(1, mine.get("appeals").size());
        assertEquals(no, mine.get("appeals").get(0).get("trackingNo").asText());
        file(appeal("匿名的另一件"), 201);
        assertEquals(1, kiosk.json(kiosk.post("/api/v1/appeals/by-card", "{\"cardToken\":\"" + token + "\"}"))
                .get("appeals").size(), "an anonymous appeal is nobody's");

        HttpResponse<String> early = kiosk.post("/api/v1/appeals/" + no + "/rating", "{\"cardToken\":\"" + token
                + "\",\"level\":\"DISSATISFIED\"}");
        assertEquals(409, early.statusCode());
        assertTrue(early.body().contains("not-resolved"));

        move(no, "{\"status\":\"DISPATCHED\",\"handlingLevel\":\"STREET\",\"department\":\"圣城街道城管办\"}");
        clock.advance(Duration.ofDays(2).plusHours(12));
        assertEquals(400, kiosk.post("/api/v1/appeals/by-card", "{\"cardToken\":\"" + token + "\"}").statusCode(),
                "a card reading lasts minutes, not days");
        token = kiosk.json(kiosk.post("/api/v1/identity/card", "")).get("token").asText();
        String rating = "{\"cardToken\":\"" + token + "\",\"level\":\"DISSATISFIED\",\"reason\":\"没人联系我\"}";
        JsonNode late = kiosk.json(kiosk.post("/api/v1/appeals/by-card", "{\"cardToken\":\"" + token + "\"}"))
                .get("appeals").get(0);
        assertEquals("YELLOW", late.get("warning").asText(), late.toString());
        move(no, "{\"status\":\"RESOLVED\",\"reply\":\"已联系物业维修\"}");
        clock.advance(Duration.ofMinutes(1));

        HttpResponse<String> rated = kiosk.post("/api/v1/appeals/" + no + "/rating", rating);
        assertEquals(201, rated.statusCode(), rated.body());
        JsonNode r = kiosk.json(rated);
        assertTrue(r.get("followUp").asBoolean());
        assertEquals(clock.instant().plus(Duration.ofDays(2)).toString(), r.get("followUpBy").asText());
        HttpResponse<String> twice = kiosk.post("/api/v1/appeals/" + no + "/rating", rating);
        assertEquals(409, twice.statusCode());
        assertTrue(twice.body().contains("already-rated"));

        JsonNode view = kiosk.json(kiosk.post("/api/v1/appeals/by-card", "{\"cardToken\":\"" + token + "\"}"))
                .get("appeals").get(0);
        assertEquals("CLOSED", view.get("status").asText());
        assertEquals(List.of("SUBMITTED", "DISPATCHED", "RESOLVED", "CLOSED"), texts(view.get("timeline"), "status"));
        assertEquals("已联系物业维修", view.get("replies").get(0).get("text").asText());
        assertEquals("DISSATISFIED", view.get("rating").get("level").asText());
        assertTrue(view.get("warning").isNull());
    }

    @Test
    void aRatingNeedsTheReceiptOrTheCardAndAKnownLevel() throws Exception {
        JsonNode filed = file(appeal("噪音扰民"), 201);
        String no = filed.get("trackingNo").asText();
        move(no, "{\"status\":\"RESOLVED\"}");
        String path = "/api/v1/appeals/" + no + "/rating";
        assertEquals(404, kiosk.post(path, "{\"verifier\":\"wrong\",\"level\":\"SATISFIED\"}").statusCode());
        assertEquals(400, kiosk.post(path, "{\"verifier\":\"" + filed.get("verifier").asText()
                + "\",\"level\":\"GREAT\"}").statusCode());
        assertEquals(400, kiosk.post(path, "{\"verifier\":\"" + filed.get("verifier").asText()
                + "\",\"level\":\"SATISFIED\",\"reason\":\"" + "长".repeat(501) + "\"}").statusCode());
        HttpResponse<String> ok = kiosk.post(path, "{\"verifier\":\"" + filed.get("verifier").asText()
                + "\",\"level\":\"VERY_SATISFIED\"}");
        assertEquals(201, ok.statusCode(), ok.body());
        assertFalse(kiosk.json(ok).get("followUp").asBoolean());
    }

    @Test
    void aReceiptThePrinterCannotPrintIsOwedAndShownOnScreen() throws Exception {
        assertEquals(204, kiosk.post("/api/v1/simulator/printer", "{\"paperEnd\":true}").statusCode());
        JsonNode filed = file(appeal("井盖缺失"), 201);
        String no = filed.get("trackingNo").asText();
        String verifier = filed.get("verifier").asText();
        JsonNode view = null;
        for (int i = 0; i < 50; i++) {
            view = kiosk.json(kiosk.get("/api/v1/appeals/" + no + "?verifier=" + verifier));
            if (!"PRINTING".equals(view.get("receipt").get("state").asText())) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("OWED", view.get("receipt").get("state").asText(), view.toString());
        assertEquals("paper end", view.get("receipt").get("reason").asText());
        assertEquals(0, kiosk.json(kiosk.get("/api/v1/simulator/receipts")).get("receipts").size());
    }

    @Test
    void statusChangesFollowTheRules() throws Exception {
        JsonNode filed = file(appeal("违章搭建"), 201);
        String no = filed.get("trackingNo").asText();
        String path = "/api/v1/simulator/appeals/" + no + "/status";
        assertEquals(400, kiosk.post(path, "{\"status\":\"REJECTED\"}").statusCode(), "a rejection needs a reason");
        assertEquals(400, kiosk.post(path, "{\"status\":\"SUBMITTED\"}").statusCode());
        assertEquals(400, kiosk.post(path, "{\"status\":\"DISPATCHED\",\"handlingLevel\":\"GALAXY\"}").statusCode());
        assertEquals(200, kiosk.post(path, "{\"status\":\"REJECTED\",\"reason\":\"不属于受理范围\"}").statusCode());
        assertEquals(409, kiosk.post(path, "{\"status\":\"IN_PROGRESS\"}").statusCode());
        assertEquals(404, kiosk.post("/api/v1/simulator/appeals/370783001001-01-261123-99990/status",
                "{\"status\":\"RECEIVED\"}").statusCode());
    }

    private String placeCard() throws Exception {
        assertEquals(204, kiosk.post("/api/v1/simulator/card", "{\"present\":true}").statusCode());
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> res = kiosk.post("/api/v1/identity/card", "");
            if (res.statusCode() == 201) {
                return kiosk.json(res).get("token").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the simulated card was never read");
    }

    @Test
    void aKioskEnrolledAgainNumbersItsAppealsPastTheLastNumberTheCentreHolds() throws Exception {
        kiosk.close();
        TrackingNumbers ours = new TrackingNumbers("370783001001", "01");
        String held = ours.format("261123", 75); // filed today before a factory reset, held by the centre
        AppealConfig enrolledAgain = new AppealConfig("01", Duration.ofDays(7), Duration.ofHours(1),
                Duration.ofMinutes(5), Optional.empty(), true, Optional.of(held));

        kiosk = RunningKiosk.start(dir.resolve("after-reset"), enrolledAgain, clock);
        assertEquals(ours.format("261123", 76), file(appeal("路灯不亮"), 201).get("trackingNo").asText());
        kiosk.close();
        kiosk = RunningKiosk.start(dir.resolve("after-reset"), enrolledAgain, clock);
        assertEquals(ours.format("261123", 77), file(appeal("路灯还是不亮"), 201).get("trackingNo").asText(),
                "a restart with the same enrollment does not take the numbering back");
        kiosk.close();

        String anotherKiosks = new TrackingNumbers("370783001001", "02").format("261123", 500);
        kiosk = RunningKiosk.start(dir.resolve("other"), new AppealConfig("01", Duration.ofDays(7),
                Duration.ofHours(1), Duration.ofMinutes(5), Optional.empty(), true,
                Optional.of(anotherKiosks)), clock);
        assertEquals(ours.format("261123", 1), file(appeal("井盖松动"), 201).get("trackingNo").asText(),
                "another kiosk's numbers cannot collide with ours");
    }

    private void move(String no, String body) throws Exception {
        HttpResponse<String> res = kiosk.post("/api/v1/simulator/appeals/" + no + "/status", body);
        assertEquals(200, res.statusCode(), res.body());
    }

    private JsonNode awaitReceipts(int n) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode r = kiosk.json(kiosk.get("/api/v1/simulator/receipts")).get("receipts");
            if (r.size() >= n) {
                return r;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no receipt was printed within 5 s");
    }

    static Set<String> errorFields(JsonNode problem) {
        Set<String> fields = new TreeSet<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    static Set<String> fields(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
