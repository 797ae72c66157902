package org.jinban.kiosk.appeal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.Main;
import org.jinban.kiosk.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the kiosk process while a client files appeals in a loop: after each
 * restart every appeal that got a 201 is there and intact, the database passes its integrity
 * check, and nothing is there twice, not even when the client sends again what was in flight.
 */
@Timeout(180)
class AppealCrashIT {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = Kiosk.objectMapper();

    record Acknowledged(String id, String trackingNo, String verifier, String description) {
    }

    @Test
    void everyAppealThatGot201SurvivesKillNineOnceAndOnlyOnce() throws Exception {
        List<Acknowledged> acknowledged = new ArrayList<>();
        List<Map<String, Object>> inFlight = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            Process kiosk = startKiosk();
            try {
                int port = port(kiosk);
                AtomicBoolean stop = new AtomicBoolean();
                CompletableFuture<Void> client = CompletableFuture.runAsync(() -> fileUntil(port, stop, acknowledged,
                        inFlight));
                int before = acknowledged.size();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (sizeOf(acknowledged) < before + 40 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                kiosk.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
                kiosk.waitFor(10, TimeUnit.SECONDS);
                stop.set(true);
                client.get(30, TimeUnit.SECONDS);
                assertTrue(sizeOf(acknowledged) >= before + 40, "the client filed while the kiosk ran");
            } finally {
                kiosk.destroyForcibly();
            }
        }

        Process kiosk = startKiosk();
        try {
            int port = port(kiosk);
            for (Acknowledged a : acknowledged) {
                HttpResponse<String> res = get(port, "/api/v1/appeals/" + a.trackingNo() + "?verifier=" + a.verifier());
                assertEquals(200, res.statusCode(), a.trackingNo() + " was acknowledged but is gone");
                assertEquals(a.description(), json.readTree(res.body()).get("description").asText());
            }
            // the client sends again everything whose answer it never saw
            for (Map<String, Object> body : inFlight) {
                HttpResponse<String> res = post(port, body);
                assertTrue(res.statusCode() == 200 || res.statusCode() == 201, res.body());
            }
        } finally {
            kiosk.destroyForcibly();
            kiosk.waitFor(10, TimeUnit.SECONDS);
        }

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(Database.FILE_NAME));
             Statement st = c.createStatement()) {
            assertEquals("ok", one(st, "PRAGMA integrity_check"));
            long appeals = Long.parseLong(one(st, "SELECT count(*) FROM appeal"));
            assertEquals(acknowledged.size() + inFlight.size(), appeals, "each filing once: acknowledged ones plus"
                    + " the re-sent ones that were in flight at a kill");
            assertEquals(one(st, "SELECT count(*) FROM appeal"), one(st, "SELECT count(DISTINCT tracking_no) FROM appeal"));
            assertEquals(one(st, "SELECT count(*) FROM appeal"),
                    one(st, "SELECT count(*) FROM outbox WHERE kind = 'appeal.filed'"), "one outbox message each");
        }
    }

    private void fileUntil(int port, AtomicBoolean stop, List<Acknowledged> acknowledged,
                           List<Map<String, Object>> inFlight) {
        int i = 0;
        while (!stop.get()) {
            String description = "第" + (i++) + "件：" + UUID.randomUUID();
            Map<String, Object> body = Map.of("id", UUID.randomUUID().toString(), "category", "URBAN-STREETLIGHT",
                    "description", description, "consent", true);
            try {
                HttpResponse<String> res = post(port, body);
                if (res.statusCode() != 201) {
                    throw new AssertionError("unexpected answer " + res.statusCode() + ": " + res.body());
                }
                JsonNode filed = json.readTree(res.body());
                synchronized (acknowledged) {
                    acknowledged.add(new Acknowledged(body.get("id").toString(), filed.get("trackingNo").asText(),
                            filed.get("verifier").asText(), description));
                }
            } catch (java.io.IOException e) {
                synchronized (acknowledged) {
                    inFlight.add(body); // the kiosk died under this request: nobody knows if it was saved
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int sizeOf(List<Acknowledged> list) {
        synchronized (list) {
            return list.size();
        }
    }

    private Process startKiosk() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dserver.port=0", "-Dkiosk.data-dir=" + dir.resolve("data"), "-Dkiosk.ui.web-root=",
                "--enable-native-access=ALL-UNNAMED", Main.class.getName());
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** Reads the child's log until it says where it listens (its other lines are not needed). */
    private static int port(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> found = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        Thread drain = new Thread(() -> {
                            try {
                                while (out.readLine() != null) {
                                    // keep the pipe empty so the child never blocks on its log
                                }
                            } catch (java.io.IOException ignored) {
                                // the child is gone
                            }
                        });
                        drain.setDaemon(true);
                        drain.start();
                        return Integer.parseInt(m.group(1));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new AssertionError("the kiosk exited before it listened");
        });
        return found.get(60, TimeUnit.SECONDS);
    }

    private HttpResponse<String> post(int port, Map<String, Object> body) throws java.io.IOException,
            InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/appeals"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
