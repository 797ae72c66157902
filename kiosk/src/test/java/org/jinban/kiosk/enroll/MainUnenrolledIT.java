package org.jinban.kiosk.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk as started in production from a file that lacks only what enrollment brings (the
 * station's Chinese name and grid code): it starts, waits for its enrollment, and offers the
 * technician screen with the PIN set in {@code secret/} beside the file; a file with another
 * mistake still stops the start.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MainUnenrolledIT {
    @TempDir
    Path dir;

    @Test
    void aKioskLackingOnlyItsEnrollmentStartsAndWaitsForIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path etc = Files.createDirectory(dir.resolve("etc"));
        Path file = Files.writeString(etc.resolve("kiosk.yaml"), "server:\n  port: " + port + "\nkiosk:\n  data-dir: "
                + dir.resolve("data") + "\n  station:\n    name-en: Test station\n");
        Files.createDirectories(etc.resolve("secret"));
        Files.writeString(etc.resolve("secret").resolve(TechnicianSetup.PIN_FILE), TechnicianPin.hash("482915"));
        Process kiosk = start(file);
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            JsonNode state = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (state == null && System.nanoTime() < deadline && kiosk.isAlive()) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/technician/state")).GET().build(), HttpResponse.BodyHandlers.ofString());
                    state = new ObjectMapper().readTree(r.body());
                } catch (java.io.IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertTrue(state != null, "the kiosk answered: " + Files.readString(dir.resolve("kiosk.log")));
            assertEquals(false, state.get("enrolled").asBoolean(), state.toString());
            assertEquals(true, state.get("pinSet").asBoolean(), "the PIN in secret/ beside the config file");
            HttpResponse<String> catalog = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/catalog/departments?lang=zh-CN")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, catalog.statusCode(), catalog.body());
            assertTrue(catalog.body().contains("not-enrolled"), catalog.body());
            assertTrue(Files.readString(dir.resolve("kiosk.log")).contains("not enrolled yet"));
        } finally {
            kiosk.destroy();
            kiosk.waitFor(30, TimeUnit.SECONDS);
            kiosk.destroyForcibly();
        }
    }

    @Test
    void anotherMistakeStillStopsTheStart() throws Exception {
        Path etc = Files.createDirectory(dir.resolve("etc"));
        Path file = Files.writeString(etc.resolve("kiosk.yaml"), "kiosk:\n  data-dir: " + dir.resolve("data")
                + "\n  station:\n    name-en: Test station\n  ui:\n    idle-timeout: soon\n");
        Process kiosk = start(file);
        try {
            assertTrue(kiosk.waitFor(60, TimeUnit.SECONDS), "the kiosk did not stop");
        } finally {
            kiosk.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("kiosk.log"));
        assertEquals(2, kiosk.exitValue(), output);
        assertTrue(output.contains("kiosk.ui.idle-timeout"), output);
    }

    private Process start(Path file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), file.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("SYNC_") || k.startsWith("KIOSK_")
                || k.startsWith("NOTIFY_") || k.startsWith("WATCHDOG_"));
        return pb.redirectErrorStream(true).redirectOutput(dir.resolve("kiosk.log").toFile()).start();
    }
}
