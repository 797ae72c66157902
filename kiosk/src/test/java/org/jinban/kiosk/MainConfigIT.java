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

/** The kiosk as started in production, with a file holding five mistakes: it lists them all and ends 2. */
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
}
