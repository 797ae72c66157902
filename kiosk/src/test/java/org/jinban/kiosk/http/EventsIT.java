package org.jinban.kiosk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jinban.kiosk.testing.RunningKiosk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device events reach the page over SSE: simulated devices, real drivers' parsing and debouncing. */
class EventsIT {
    @TempDir
    static Path dir;
    static RunningKiosk kiosk;
    static HttpClient client = HttpClient.newHttpClient();
    static BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        kiosk = RunningKiosk.start(dir, "classpath:catalog/demo-catalog.json", Optional.empty(), Duration.ofSeconds(60));
        HttpResponse<Stream<String>> stream = client.sendAsync(
                HttpRequest.newBuilder(kiosk.uri("/api/v1/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).get(5, TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        Thread.startVirtualThread(() -> {
            try {
                stream.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closedAtTheEnd) {
                // the kiosk stops after the tests: the stream ends there
            }
        });
        assertNotNull(lines.poll(5, TimeUnit.SECONDS), "the stream opens with a comment");
    }

    @AfterAll
    static void stop() {
        kiosk.close();
    }

    /** The next event of {@code name}, as "name data". */
    private static String next(String name) throws InterruptedException {
        return next(name, "");
    }

    /**
     * The next event of {@code name} whose data contains {@code part}, as "name data"; others are
     * skipped (a device may report its state while the test runs).
     */
    private static String next(String name, String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String event = null;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && name.equals(event) && line.contains(part)) {
                return event + " " + line.substring(5).trim();
            }
        }
        throw new AssertionError("no '" + name + "' event within 5 s");
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return kiosk.send(HttpRequest.newBuilder(kiosk.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void aScanReachesThePageAndControlCharactersDoNot() throws Exception {
        assertEquals(204, post("/api/v1/simulator/scan", "{\"text\": \"bad\\u0007code\"}").statusCode());
        assertEquals(204, post("/api/v1/simulator/scan", "{\"text\": \"3707830011-20261123-0001-K\"}").statusCode());
        assertEquals("scan {\"code\":\"3707830011-20261123-0001-K\"}", next("scan"));
    }

    @Test
    void presenceAndHelpAreEventsToo() throws Exception {
        assertEquals(204, post("/api/v1/simulator/presence", "{\"present\": true}").statusCode());
        assertEquals("presence {\"present\":true}", next("presence"));
        assertEquals(204, post("/api/v1/simulator/help", "{}").statusCode());
        assertEquals("help {}", next("help"));
    }

    @Test
    void aCardOnTheReaderIsSaidWithoutSayingWhose() throws Exception {
        assertEquals(204, post("/api/v1/simulator/card", "{\"present\": true}").statusCode());
        String placed = next("card");
        assertEquals("card {\"present\":true,\"readable\":true}", placed.replace("\"readable\":true,\"present\":true",
                "\"present\":true,\"readable\":true"));
        assertEquals(204, post("/api/v1/simulator/card", "{\"present\": false}").statusCode());
        assertEquals("card {\"present\":false}", next("card"));
    }

    @Test
    void aTestPagePrintsThroughTheDriverAndPaperEndIsSaid() throws Exception {
        assertEquals(204, post("/api/v1/simulator/printer/test-page", "{}").statusCode());
        var receipts = kiosk.json(kiosk.get("/api/v1/simulator/receipts")).get("receipts");
        var last = receipts.get(receipts.size() - 1);
        assertEquals("就近办 打印测试页", last.get("lines").get(0).asText());
        assertTrue(last.get("qr").get(0).asText().startsWith("jinban-test "));
        HttpResponse<byte[]> png = client.send(HttpRequest.newBuilder(kiosk.uri(last.get("image").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("image/png", png.headers().firstValue("content-type").orElse(""));
        assertEquals((byte) 0x89, png.body()[0]);

        assertEquals(204, post("/api/v1/simulator/printer", "{\"paperEnd\": true}").statusCode());
        String device = next("device", "printer");
        assertTrue(device.contains("\"printer\"") && device.contains("paper end"), device);
        HttpResponse<String> refused = post("/api/v1/simulator/printer/test-page", "{}");
        assertEquals(409, refused.statusCode());
        assertTrue(kiosk.json(refused).get("detail").asText().contains("paper end"));
        assertEquals(204, post("/api/v1/simulator/printer", "{\"paperEnd\": false}").statusCode());
        assertEquals(404, kiosk.get("/api/v1/simulator/receipts/99.png").statusCode());
    }

    @Test
    void badSimulatorRequestsAreProblems() throws Exception {
        HttpResponse<String> noText = post("/api/v1/simulator/scan", "{}");
        assertEquals(400, noText.statusCode());
        assertEquals("text", kiosk.json(noText).get("errors").get(0).get("field").asText());
        assertEquals(400, post("/api/v1/simulator/presence", "{\"present\": null}").statusCode());
        for (String broken : new String[] {"{", "", "[1, 2]", "\"text\""}) {
            HttpResponse<String> res = post("/api/v1/simulator/scan", broken);
            assertEquals(400, res.statusCode(), broken + " -> " + res.body());
            assertEquals("body", kiosk.json(res).get("errors").get(0).get("field").asText());
            assertEquals("/api/v1/simulator/scan", kiosk.json(res).get("instance").asText());
        }
        HttpResponse<String> plain = kiosk.send(HttpRequest.newBuilder(kiosk.uri("/api/v1/simulator/presence"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("yes")));
        assertEquals(400, plain.statusCode(), plain.body());
        assertEquals(405, kiosk.get("/api/v1/simulator/scan").statusCode());
    }

    @Test
    void healthReportsEveryDevice() throws Exception {
        var health = kiosk.json(kiosk.get("/observe/health"));
        var devices = health.get("checks").findValues("data").stream()
                .filter(d -> d.has("scanner")).findFirst().orElseThrow();
        assertEquals("ok: simulated", devices.get("scanner").asText());
        assertEquals("ok", devices.get("gpio").asText());
        assertEquals("ok", devices.get("idcard").asText());
        assertTrue(devices.has("printer"), devices.toString());
    }
}
