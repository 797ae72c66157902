package org.jinban.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jinban.sync.hub.HubConfig;
import org.jinban.sync.hub.HubServer;
import org.jinban.sync.hub.HubStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet simulator against a real hub on a loopback port: what it reports is what happened. */
class FleetIT {
    private static final int KIOSKS = 20;

    @TempDir
    Path dir;

    @Test
    void everyKioskIsWelcomedFilesHeartbeatsAndAppliesItsStatusChange() throws Exception {
        try (HubStore store = HubStore.open(dir, Clock.systemUTC());
             HubServer hub = HubServer.start(new HubConfig(0, dir, 1, 100), store)) {
            HubAdmin admin = new HubAdmin(hub.adminUri());
            List<String> credentials = Fleet.enroll(admin, KIOSKS, 4);
            try (Fleet fleet = new Fleet()) {
                assertEquals(KIOSKS, fleet.connect(hub.syncUri(), credentials, 1));
                double[] acks = fleet.file(2, Duration.ofMillis(500));
                assertEquals(2 * KIOSKS, acks.length, "every appeal acked");
                assertEquals(2 * KIOSKS, store.appeals().size(), "the hub holds every appeal once");
                Thread.sleep(1_500); // at least one heartbeat period
                assertTrue(fleet.tally.heartbeats.sum() >= KIOSKS, "each kiosk heartbeats every second, sent "
                        + fleet.tally.heartbeats.sum());

                Fleet.PushResult pushed = fleet.pushStatusToAll(admin, 4, Duration.ofSeconds(10));
                assertEquals(0, pushed.missing());
                assertEquals(KIOSKS, pushed.latenciesMs().length);
                for (double ms : pushed.latenciesMs()) {
                    assertTrue(ms > 0 && ms < 10_000, "a latency from the admin call to the cursor: " + ms);
                }
                long received = store.appeals().stream().filter(a -> a.status().equals("RECEIVED")).count();
                assertEquals(KIOSKS, received, "each kiosk's first appeal changed");
                // the latency ends when the kiosk sent its cursor; the hub stores it a moment later
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                for (int i = 0; i < KIOSKS; i++) {
                    while (!Long.valueOf(1L).equals(store.cursors(Fleet.kioskId(i)).get("appeal-status"))
                            && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertEquals(1L, store.cursors(Fleet.kioskId(i)).get("appeal-status"),
                            "the hub holds the cursor kiosk " + i + " answered");
                }
                assertEquals(0, fleet.tally.errors.get(), () -> "problems: " + fleet.tally.firstProblems);
                assertEquals(0, fleet.tally.disconnects.get(), () -> "problems: " + fleet.tally.firstProblems);
            }
        }
    }

    @Test
    void aKioskTheHubDropsIsCountedAndItsStatusChangeMissing() throws Exception {
        try (HubStore store = HubStore.open(dir, Clock.systemUTC());
             HubServer hub = HubServer.start(new HubConfig(0, dir, 1, 100), store)) {
            HubAdmin admin = new HubAdmin(hub.adminUri());
            List<String> credentials = Fleet.enroll(admin, 3, 1);
            try (Fleet fleet = new Fleet()) {
                assertEquals(3, fleet.connect(hub.syncUri(), credentials, 1));
                fleet.file(1, Duration.ZERO);
                HttpResponse<String> revoked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(hub.adminUri() + "/kiosks/" + Fleet.kioskId(1) + "/revoke"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, revoked.statusCode());

                Fleet.PushResult pushed = fleet.pushStatusToAll(admin, 1, Duration.ofSeconds(2));
                assertEquals(1, pushed.missing());
                assertEquals(2, pushed.latenciesMs().length);
                assertEquals(1, fleet.tally.disconnects.get());
                assertTrue(fleet.tally.firstProblems.peek().contains("4001"), fleet.tally.firstProblems.toString());
            }
        }
    }
}
