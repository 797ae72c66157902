package org.jinban.kiosk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jinban.kiosk.testing.RunningKiosk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog file that cannot be read keeps the kiosk up and its health honest. */
class BrokenSeedIT {
    @TempDir
    Path dir;

    @Test
    void startsWithoutACatalogAndReportsNotReady() throws Exception {
        Path seed = dir.resolve("broken.json");
        Files.writeString(seed, "{\"format\": \"jinban-catalog\", \"version\": 1, \"items\": [");
        try (RunningKiosk kiosk = RunningKiosk.start(dir, seed.toString(), Optional.empty(), Duration.ofSeconds(60))) {
            var health = kiosk.get("/observe/health");
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("DOWN"));
            var search = kiosk.get("/api/v1/catalog/search?q=abc");
            assertEquals(200, search.statusCode());
            assertEquals(0, kiosk.json(search).get("total").asInt());
        }
    }

    @Test
    void keepsTheCatalogItHoldsWhenANewerSeedIsBroken() throws Exception {
        try (RunningKiosk first = RunningKiosk.start(dir, "classpath:catalog/demo-catalog.json", Optional.empty(),
                Duration.ofSeconds(60))) {
            assertEquals(200, first.get("/observe/health").statusCode());
        }
        Path seed = dir.resolve("v2.json");
        Files.writeString(seed, "{\"format\": \"jinban-catalog\", \"formatVersion\": 1, \"version\": 2, \"items\": []}");
        try (RunningKiosk again = RunningKiosk.start(dir, seed.toString(), Optional.empty(), Duration.ofSeconds(60))) {
            assertEquals(200, again.get("/observe/health").statusCode());
            assertTrue(again.json(again.get("/api/v1/catalog/search?q=lnr")).get("total").asInt() >= 1);
        }
    }
}
