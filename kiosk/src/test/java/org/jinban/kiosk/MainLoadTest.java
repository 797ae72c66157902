package org.jinban.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the kiosk's configuration comes from: the technician's file, then enrollment.yaml beside it, then defaults. */
class MainLoadTest {
    @TempDir
    Path etc;

    @Test
    void theEnrollmentBesideTheFileSitsBetweenItAndTheDefaults() throws Exception {
        Files.writeString(etc.resolve("enrollment.yaml"), """
                sync:
                  hub-url: wss://hub.example.org/sync/v1
                  kiosk-id: K-370783001001-01
                kiosk:
                  station:
                    name-zh: 东城社区便民服务站
                    grid-code: "370783001009"
                """);
        Path file = Files.writeString(etc.resolve("kiosk.yaml"), """
                kiosk:
                  station:
                    grid-code: "370783001001"
                """);
        Config config = Main.load(file.toString());
        assertEquals("wss://hub.example.org/sync/v1", config.get("sync.hub-url").asString().get());
        assertEquals("K-370783001001-01", config.get("sync.kiosk-id").asString().get());
        assertEquals("东城社区便民服务站", config.get("kiosk.station.name-zh").asString().get(), "over the default");
        assertEquals("370783001001", config.get("kiosk.station.grid-code").asString().get(), "the technician's file wins");
        assertEquals(8080, config.get("server.port").asInt().get(), "defaults still below");
    }

    @Test
    void withoutAnEnrollmentTheKioskHasNoHub() throws Exception {
        Path file = Files.writeString(etc.resolve("kiosk.yaml"), "server:\n  port: 9090\n");
        Config config = Main.load(file.toString());
        assertEquals(9090, config.get("server.port").asInt().get());
        assertTrue(config.get("sync.hub-url").asString().asOptional().isEmpty());
    }
}
