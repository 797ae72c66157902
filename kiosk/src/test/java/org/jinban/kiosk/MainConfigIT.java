package org.jinban.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk as started in production: a file holding five mistakes is refused with all of them
 * listed (exit 2); a scanner unplugged at boot and a backlight that is not there are warned of,
 * and the kiosk starts without them.
 */
class MainConfigIT {
    @TempDir
    Path dir;

    @Test
    void aBadFileStopsTheStartWithEveryProblemListed() throws Exception {
        Path file = dir.resolve("kiosk.yaml");
        try (InputStream in = getClass().getResourceAsStream("/config-check/five-mistakes.yaml")) {
            Files.copy(in, file);
        }
        Path log = dir.resolve("kiosk.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dkiosk.data-dir=" + dir.resolve("data"),
                Main.class.getName(), file.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("SYNC_") || k.startsWith("KIOSK_"));
        Process kiosk = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(kiosk.waitFor(60, TimeUnit.SECONDS), "the kiosk did not stop");
        } finally {
            kiosk.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(2, kiosk.exitValue(), output);
        assertTrue(output.contains("kiosk: cannot start: 5 problems in the configuration:"), output);
        for (String line : List.of("kiosk.yaml:5: kiosk.station.grid-code: must be 6 to 32 letters or digits",
                "kiosk.yaml:7: kiosk.ui.idle-timout: unknown key; did you mean kiosk.ui.idle-timeout?",
                "kiosk.yaml:8: kiosk.ui.elder-idle-timeout: '180' is not a duration",
                "kiosk.yaml:10: devices.simulate: expected true or false, found 'maybe'",
                "kiosk.yaml:12: devices.gpio.buzzer: pin 40 is out of range")) {
            assertTrue(output.contains("\n  " + line), line + " in:\n" + output);
        }
        assertTrue(Files.notExists(dir.resolve("data")), "a refused start must not make the data directory");
    }

    @Test
    void aScannerUnpluggedAtBootAndNoBacklightAreWarnedOfAndTheKioskStarts() throws Exception {
        Path credential = Files.writeString(dir.resolve("credential"), "a-credential-of-this-kiosk\n");
        Files.setPosixFilePermissions(credential, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path file = Files.writeString(dir.resolve("kiosk.yaml"), """
                server:
                  port: %d
                kiosk:
                  data-dir: %s
                  station:
                    name-zh: 东关社区便民服务站
                    name-en: Dongguan Community Service Station
                    grid-code: "370783001002"
                  ui:
                    backlight: %s
                devices:
                  simulate: false
                  scanner:
                    port: %s
                  idcard:
                    port: ""
                  printer: ""
                sync:
                  hub-url: ws://127.0.0.1:1/sync/v1
                  kiosk-id: K-370783001002-01
                  credential-file: %s
                """.formatted(port, dir.resolve("data"), dir.resolve("no-backlight"), dir.resolve("jinban-scanner"),
                credential));
        Path log = dir.resolve("kiosk.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), file.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("SYNC_") || k.startsWith("KIOSK_"));
        Process kiosk = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try {
            String health = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (health == null && kiosk.isAlive() && System.nanoTime() < deadline) {
                try {
                    health = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                } catch (java.io.IOException notYet) {
                    Thread.sleep(200);
                }
            }
            String output = Files.readString(log);
            assertTrue(health != null, "the kiosk did not start:\n" + output);
            assertTrue(health.matches("(?s).*\"scanner\"\\s*:\\s*\"offline: port [^\"]*jinban-scanner cannot be opened\".*"),
                    health);
            assertTrue(output.matches("(?s).*WARN .*kiosk: kiosk\\.yaml:\\d+: kiosk\\.ui\\.backlight: no such directory .*"
                    + "starting without it.*"), output);
            assertTrue(output.matches("(?s).*WARN .*kiosk: kiosk\\.yaml:\\d+: devices\\.scanner\\.port: no such device .*"
                    + "starting without it.*"), output);
            assertTrue(!output.contains("cannot start"), output);
        } finally {
            kiosk.destroy();
            if (!kiosk.waitFor(20, TimeUnit.SECONDS)) {
                kiosk.destroyForcibly();
            }
        }
    }
}
