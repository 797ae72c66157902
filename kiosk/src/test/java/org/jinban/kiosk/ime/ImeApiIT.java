package org.jinban.kiosk.ime;

import static org.jinban.kiosk.testing.CatalogFixtures.catalog;
import static org.jinban.kiosk.testing.CatalogFixtures.item;
import static org.jinban.kiosk.testing.RunningKiosk.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.jackson.JacksonSupport;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.http.ProblemHandlers;
import org.jinban.kiosk.testing.RunningKiosk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/v1/ime/candidates} against a real kiosk, and the answers while the lexicon loads. */
class ImeApiIT {
    @TempDir
    static Path dir;
    static RunningKiosk kiosk;

    @BeforeAll
    static void start() throws Exception {
        kiosk = RunningKiosk.start(dir, catalog(1, item("JB-001", "老年人优待证办理", "Senior citizen privilege card")),
                Optional.empty());
        // the lexicon loads in the background once the kiosk listens: a 503 until then
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> res;
        while ((res = kiosk.get("/api/v1/ime/candidates?pinyin=a")).statusCode() == 503) {
            assertProblem(res, 503, "ime-not-ready");
            assertTrue(System.nanoTime() < deadline, "the lexicon did not load within 20 s");
            Thread.sleep(20);
        }
        assertEquals(200, res.statusCode(), res.body());
    }

    @AfterAll
    static void stop() {
        kiosk.close();
    }

    private static void assertProblem(HttpResponse<String> res, int status, String type) throws IOException {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals(ProblemHandlers.MEDIA_TYPE, res.headers().firstValue("content-type").orElse(""));
        JsonNode problem = new ObjectMapper().readTree(res.body());
        assertEquals("https://jinban.org/problems/" + type, problem.get("type").asText());
        assertEquals(status, problem.get("status").asInt());
        assertEquals("/api/v1/ime/candidates", problem.get("instance").asText());
        assertFalse(res.body().contains("Exception"), res.body());
    }

    private static List<String> texts(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.get("candidates").forEach(c -> out.add(c.get("text").asText()));
        return out;
    }

    @Test
    void answersCandidatesWithWhatEachStandsFor() throws Exception {
        HttpResponse<String> res = kiosk.get("/api/v1/ime/candidates?pinyin=shenqing&limit=20");
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode body = kiosk.json(res);
        assertEquals("shenqing", body.get("pinyin").asText());
        JsonNode first = body.get("candidates").get(0);
        assertEquals("申请", first.get("text").asText());
        assertEquals("shen qing", first.get("pinyin").asText());
        assertEquals(8, first.get("consumed").asInt());
        assertTrue(body.get("candidates").size() <= 20);
        JsonNode last = body.get("candidates").get(body.get("candidates").size() - 1);
        assertEquals(1, last.get("text").asText().length(), "single characters last");
        assertEquals(4, last.get("consumed").asInt(), "for the first syllable, shen");
    }

    @Test
    void picksLeaveTheRestOfTheLetters() throws Exception {
        JsonNode whole = kiosk.json(kiosk.get("/api/v1/ime/candidates?pinyin=woyaotousu"));
        assertEquals("我要投诉", texts(whole).getFirst());
        JsonNode woyao = whole.get("candidates").get(texts(whole).indexOf("我要"));
        assertEquals(5, woyao.get("consumed").asInt());
        String rest = "woyaotousu".substring(woyao.get("consumed").asInt());
        assertEquals("投诉", texts(kiosk.json(kiosk.get("/api/v1/ime/candidates?pinyin=" + rest))).getFirst());
    }

    @Test
    void foldsCaseAndHonoursTheLimit() throws Exception {
        JsonNode body = kiosk.json(kiosk.get("/api/v1/ime/candidates?pinyin=XiaoQu&limit=3"));
        assertEquals("xiaoqu", body.get("pinyin").asText());
        assertEquals(3, body.get("candidates").size());
        assertTrue(texts(body).contains("小区"), texts(body).toString());
        assertEquals(50, kiosk.json(kiosk.get("/api/v1/ime/candidates?pinyin=shi&limit=50")).get("candidates").size());
        assertEquals(0, kiosk.json(kiosk.get("/api/v1/ime/candidates?pinyin=iii")).get("candidates").size(),
                "letters that read as nothing: no candidates, not an error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pinyin=", "pinyin=shen%20qing", "pinyin=abc1", "pinyin=%E7%94%B3",
            "pinyin=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void badLettersAreA400NamingPinyin(String query) throws Exception {
        HttpResponse<String> res = kiosk.get("/api/v1/ime/candidates?" + query);
        assertProblem(res, 400, "invalid-request");
        JsonNode errors = kiosk.json(res).get("errors");
        assertEquals(1, errors.size());
        assertEquals("pinyin", errors.get(0).get("field").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "51", "x"})
    void aBadLimitIsA400NamingLimit(String limit) throws Exception {
        HttpResponse<String> res = kiosk.get("/api/v1/ime/candidates?pinyin=shi&limit=" + enc(limit));
        assertProblem(res, 400, "invalid-request");
        assertEquals("limit", kiosk.json(res).get("errors").get(0).get("field").asText());
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> res = kiosk.send(HttpRequest.newBuilder(kiosk.uri("/api/v1/ime/candidates?pinyin=a"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertProblem(res, 405, "method-not-allowed");
    }

    @Test
    void answers503OnlyWhileTheLexiconLoadsAnd500IfItCannot() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LexiconLoader slow = new LexiconLoader(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ImeTestLexicon.get();
        });
        LexiconLoader broken = new LexiconLoader(() -> {
            throw new IllegalStateException("no lexicon");
        });
        ObjectMapper json = Kiosk.objectMapper();
        ProblemHandlers problems = new ProblemHandlers(json);
        HttpRouting.Builder routing = HttpRouting.builder();
        problems.register(routing);
        routing.register("/api/v1/ime", new ImeHttpService(slow, problems::methodNotAllowed));
        routing.register("/api/v1/broken-ime", new ImeHttpService(broken, problems::methodNotAllowed));
        WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                .mediaContext(MediaContext.builder().addMediaSupport(JacksonSupport.create(json)).build())
                .routing(routing).build().start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            String base = "http://127.0.0.1:" + server.port() + "/api/v1/";
            HttpResponse<String> loading = http.send(HttpRequest.newBuilder(URI.create(base + "ime/candidates?pinyin=tousu"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(loading, 503, "ime-not-ready");
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "ime/candidates?pinyin=1"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(bad, 400, "invalid-request");

            release.countDown();
            assertTrue(slow.await().isPresent());
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "ime/candidates?pinyin=tousu"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("投诉", json.readTree(ready.body()).get("candidates").get(0).get("text").asText());

            assertTrue(broken.await().isEmpty());
            HttpResponse<String> failed = http.send(HttpRequest.newBuilder(
                    URI.create(base + "broken-ime/candidates?pinyin=tousu")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(500, failed.statusCode(), failed.body());
            assertFalse(failed.body().contains("no lexicon"), "nothing of the inside: " + failed.body());
        } finally {
            http.close();
            server.stop();
            release.countDown();
        }
    }
}
