package org.jinban.kiosk.http;

import static org.jinban.kiosk.testing.CatalogFixtures.catalog;
import static org.jinban.kiosk.testing.CatalogFixtures.item;
import static org.jinban.kiosk.testing.RunningKiosk.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.kiosk.catalog.HandlingLevel;
import org.jinban.kiosk.testing.RunningKiosk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP contract of docs/api.md, against a real kiosk on a loopback port. */
class KioskApiIT {
    @TempDir
    static Path dir;
    static RunningKiosk kiosk;

    @BeforeAll
    static void start() throws IOException {
        Path web = Files.createDirectories(dir.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>就近办</title>");
        kiosk = RunningKiosk.start(dir, catalog(1,
                item("JB-001", "老年人优待证办理", "Senior citizen privilege card").alias("老年优待证", "Senior card")
                        .keywords("老年证").material("居民身份证原件", "Resident ID card").popularity(9),
                item("JB-002", "居住证办理", "Residence permit").lifeEvents("residence-id")
                        .level(HandlingLevel.STREET).processingTime("P15D").fee("20.00"),
                item("JB-003", "城乡居民养老保险参保登记", "Resident pension insurance enrolment")
                        .department("social-security").processingTime("PT0S")), Optional.of(web));
    }

    @AfterAll
    static void stop() {
        kiosk.close();
    }

    private static void assertProblem(HttpResponse<String> res, int status) throws IOException {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals("application/problem+json", res.headers().firstValue("content-type").orElse(""));
        JsonNode problem = kiosk.json(res);
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.get("type").asText().startsWith("https://jinban.org/problems/"));
        assertFalse(problem.get("title").asText().isBlank());
        assertTrue(problem.get("instance").asText().startsWith("/api/v1/"), "the full path: " + problem.get("instance"));
        assertFalse(res.body().contains("SQL"), "no database text reaches the caller: " + res.body());
        assertFalse(res.body().contains("Exception"), res.body());
    }

    @Test
    void searchesByPinyinInitialsAndAnswersInTheAskedLanguage() throws Exception {
        HttpResponse<String> res = kiosk.get("/api/v1/catalog/search?q=lnr");
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode body = kiosk.json(res);
        assertEquals("lnr", body.get("query").asText());
        assertEquals(1, body.get("total").asInt());
        JsonNode first = body.get("items").get(0);
        assertEquals("JB-001", first.get("code").asText());
        assertEquals("老年人优待证办理", first.get("name").asText());
        assertEquals("民政局", first.get("department").get("name").asText());
        assertEquals("name", first.get("matchedIn").asText());
        assertEquals("5个工作日", first.get("processingTime").get("text").asText());

        JsonNode en = kiosk.json(kiosk.get("/api/v1/catalog/search?q=" + enc("居住") + "&lang=en"));
        assertEquals("Residence permit", en.get("items").get(0).get("name").asText());
        assertEquals("Township / subdistrict", en.get("items").get(0).get("handlingLevelText").asText());
    }

    @Test
    void listsByDepartmentAndLifeEventWithPaging() throws Exception {
        JsonNode dept = kiosk.json(kiosk.get("/api/v1/catalog/search?department=social-security"));
        assertEquals(1, dept.get("total").asInt());
        assertEquals("JB-003", dept.get("items").get(0).get("code").asText());
        JsonNode event = kiosk.json(kiosk.get("/api/v1/catalog/search?lifeEvent=residence-id&q="));
        assertEquals("JB-002", event.get("items").get(0).get("code").asText());
        JsonNode page = kiosk.json(kiosk.get("/api/v1/catalog/search?limit=1&offset=1"));
        assertEquals(3, page.get("total").asInt());
        assertEquals(1, page.get("items").size());
    }

    @Test
    void showsAnItemWithEveryField() throws Exception {
        JsonNode item = kiosk.json(kiosk.get("/api/v1/catalog/items/JB-002"));
        assertEquals("居住证办理", item.get("name").asText());
        assertEquals("STREET", item.get("handlingLevel").asText());
        assertEquals("乡镇（街道）", item.get("handlingLevelText").asText());
        assertEquals("社区党群服务中心一楼", item.get("channels").get(0).get("place").asText());
        assertEquals("周一至周五 8:30-17:30", item.get("channels").get(0).get("hours").asText());
        assertEquals("20.00元", item.get("cost").get("text").asText());
        assertFalse(item.get("cost").get("free").asBoolean());
        assertEquals("15个工作日", item.get("processingTime").get("text").asText());
        assertEquals(2, item.get("steps").size());
        assertTrue(item.get("proxyHandling").asBoolean());
        assertFalse(item.get("online").get("available").asBoolean());
        assertEquals("户籍证件", item.get("lifeEvents").get(0).get("name").asText());
        assertEquals(1, item.get("catalogVersion").asInt());

        JsonNode en = kiosk.json(kiosk.get("/api/v1/catalog/items/JB-001?lang=en"));
        assertEquals("Resident ID card", en.get("requiredEvidence").get(0).get("name").asText());
        assertEquals("Senior card", en.get("alternativeNames").get(0).asText());
        assertEquals("Free", en.get("cost").get("text").asText());
        JsonNode spot = kiosk.json(kiosk.get("/api/v1/catalog/items/JB-003?lang=en"));
        assertEquals("On the spot", spot.get("processingTime").get("text").asText());
    }

    @Test
    void listsDepartmentsAndLifeEventsWithCounts() throws Exception {
        JsonNode depts = kiosk.json(kiosk.get("/api/v1/catalog/departments")).get("departments");
        assertEquals("civil-affairs", depts.get(0).get("code").asText());
        assertEquals("民政局", depts.get(0).get("name").asText());
        assertEquals(2, depts.get(0).get("itemCount").asInt());
        JsonNode events = kiosk.json(kiosk.get("/api/v1/catalog/life-events?lang=en")).get("lifeEvents");
        assertEquals("Old age", events.get(0).get("name").asText());
        assertEquals(2, events.get(0).get("itemCount").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "*", "NEAR(老年 优待)", "老年 OR 居住", "😀😀", "'; DROP TABLE service_item; --",
            "%", "\\", "{name}:x", "老年\"人", "a\u0000b"})
    void hostileQueriesGetResultsNeverAnError(String q) throws Exception {
        HttpResponse<String> res = kiosk.get("/api/v1/catalog/search?q=" + enc(q));
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(kiosk.json(res).get("total").asInt() >= 0);
    }

    @Test
    void overlongQueriesAndBadParametersGetA400NamingEachField() throws Exception {
        HttpResponse<String> long10k = kiosk.get("/api/v1/catalog/search?q=" + "老".repeat(10_000));
        assertProblem(long10k, 400);
        assertEquals("q", kiosk.json(long10k).get("errors").get(0).get("field").asText());

        HttpResponse<String> bad = kiosk.get("/api/v1/catalog/search?q=x&limit=0&offset=-1&lang=fr");
        assertProblem(bad, 400);
        List<String> fields = kiosk.json(bad).get("errors").findValuesAsText("field");
        assertEquals(List.of("lang", "limit", "offset"), fields);

        assertProblem(kiosk.get("/api/v1/catalog/search?limit=abc"), 400);
        assertProblem(kiosk.get("/api/v1/catalog/search?q=" + enc("a b c d e f g h i j")), 400);
        HttpResponse<String> dept = kiosk.get("/api/v1/catalog/search?department=nowhere");
        assertProblem(dept, 400);
        assertEquals("department", kiosk.json(dept).get("errors").get(0).get("field").asText());
    }

    @Test
    void unknownItemsPathsAndMethodsGetProblems() throws Exception {
        assertProblem(kiosk.get("/api/v1/catalog/items/JB-999"), 404);
        assertProblem(kiosk.get("/api/v1/catalog/items/" + enc("../../etc/passwd")), 404);
        assertProblem(kiosk.get("/api/v1/nothing-here"), 404);
        assertProblem(kiosk.send(HttpRequest.newBuilder(kiosk.uri("/api/v1/catalog/search"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 405);
    }

    @Test
    void servesSettingsHealthMetricsAndThePage() throws Exception {
        JsonNode settings = kiosk.json(kiosk.get("/api/v1/kiosk/settings"));
        assertEquals("东关社区便民服务站", settings.get("stationName").get("zh-CN").asText());
        assertEquals(60, settings.get("idleTimeoutSeconds").asInt());
        assertEquals(180, settings.get("elderIdleTimeoutSeconds").asInt());

        HttpResponse<String> health = kiosk.get("/observe/health");
        assertEquals(200, health.statusCode(), health.body());
        JsonNode h = kiosk.json(health);
        assertEquals("UP", h.get("status").asText());
        assertEquals(3, h.get("checks").get(0).get("data").get("items").asInt());

        HttpResponse<String> metrics = kiosk.get("/observe/metrics");
        assertEquals(200, metrics.statusCode());

        HttpResponse<String> page = kiosk.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("就近办"));
        assertEquals("nosniff", page.headers().firstValue("x-content-type-options").orElse(""));
    }

    /** A kiosk browser revalidates its cached page: that must be a 304, never an error. */
    @Test
    void cachedPageFilesRevalidateAndMissingOnesAre404() throws Exception {
        HttpResponse<String> page = kiosk.get("/index.html");
        String etag = page.headers().firstValue("etag").orElseThrow(() -> new AssertionError("no ETag"));
        HttpResponse<String> again = kiosk.send(HttpRequest.newBuilder(kiosk.uri("/index.html"))
                .header("If-None-Match", etag));
        assertEquals(304, again.statusCode(), again.body());
        assertEquals("", again.body());
        HttpResponse<String> missing = kiosk.get("/favicon.ico");
        assertEquals(404, missing.statusCode(), missing.body());
    }
}
