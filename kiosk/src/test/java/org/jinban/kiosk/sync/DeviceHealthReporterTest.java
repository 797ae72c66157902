package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.devices.DeviceStatus;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.outbox.Outbox;
import org.jinban.kiosk.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** device.health records: one at start, a burst coalesced into one that holds the latest states. */
@Timeout(30)
class DeviceHealthReporterTest {
    private static final Duration INTERVAL = Duration.ofMillis(600);

    @TempDir
    Path dir;
    private Database db;
    private final Map<String, DeviceStatus> states = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private final AtomicInteger wakes = new AtomicInteger();
    private DeviceHealthReporter reporter;

    @BeforeEach
    void start() {
        db = Database.open(dir);
        states.put("printer", DeviceStatus.ok());
        states.put("scanner", new DeviceStatus(DeviceStatus.State.OK, "simulated"));
        reporter = new DeviceHealthReporter(() -> Map.copyOf(states), db, new Outbox(), Kiosk.objectMapper(),
                Clock.systemUTC(), INTERVAL, wakes::incrementAndGet).start(listeners::add);
    }

    @AfterEach
    void stop() {
        reporter.close();
        db.close();
    }

    private void change(String device, DeviceStatus status) {
        states.put(device, status);
        listeners.forEach(Runnable::run);
    }

    @Test
    void theStatesAtStartAreReportedAtOnce() throws Exception {
        await(() -> records().size() == 1);
        JsonNode first = records().getFirst();
        assertEquals("ok", first.path("devices").path("printer").path("state").asText());
        assertEquals("", first.path("devices").path("printer").path("reason").asText());
        assertEquals("simulated", first.path("devices").path("scanner").path("reason").asText());
        assertTrue(first.path("at").asText().endsWith("Z"), first.toString());
        assertEquals(1, wakes.get(), "the sync client is woken for it");
        try (var c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT aggregate_id, personal_enc FROM outbox WHERE kind = 'device.health'");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            assertEquals("device-health", rs.getString(1));
            assertNull(rs.getBytes(2), "nothing personal");
        }
    }

    @Test
    void aBurstIsOneRecordWithTheLatestStates() throws Exception {
        await(() -> records().size() == 1);
        change("printer", DeviceStatus.offline("cover open"));
        change("printer", DeviceStatus.ok());
        change("printer", DeviceStatus.offline("paper end"));
        change("scanner", DeviceStatus.offline("port /dev/ttyACM0 is gone"));
        await(() -> records().size() == 2);
        JsonNode second = records().get(1);
        assertEquals("offline", second.path("devices").path("printer").path("state").asText());
        assertEquals("paper end", second.path("devices").path("printer").path("reason").asText());
        assertEquals("offline", second.path("devices").path("scanner").path("state").asText());
        Thread.sleep(INTERVAL.toMillis() * 2);
        assertEquals(2, records().size(), "the burst made one record");
    }

    @Test
    void aChangeUndoneWithinTheIntervalSendsNothing() throws Exception {
        await(() -> records().size() == 1);
        change("printer", DeviceStatus.offline("cover open"));
        change("printer", DeviceStatus.ok());
        Thread.sleep(INTERVAL.toMillis() * 2);
        assertEquals(1, records().size(), "the platform already has these states");
        change("printer", new DeviceStatus(DeviceStatus.State.DEGRADED, "paper near end"));
        await(() -> records().size() == 2);
        assertEquals("degraded", records().get(1).path("devices").path("printer").path("state").asText());
    }

    private List<JsonNode> records() {
        return db.read("read device.health", c -> {
            List<JsonNode> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT payload FROM outbox WHERE kind = 'device.health' ORDER BY seq");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    try {
                        out.add(Kiosk.objectMapper().readTree(rs.getString(1)));
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }
            return out;
        });
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(50);
        }
    }
}
