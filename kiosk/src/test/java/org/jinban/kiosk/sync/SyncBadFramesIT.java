package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.kiosk.testing.CapturedLogs;
import org.jinban.kiosk.testing.ScriptedHub;
import org.jinban.sync.client.SyncConfig;
import org.jinban.sync.protocol.CloseCodes;
import org.jinban.sync.protocol.Cursor;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.ErrorMessage;
import org.jinban.sync.protocol.Hello;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.Push;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kiosk against a hub that sends what it must not: a frame that is not JSON, an unknown
 * type, an item out of order (a gap, a repeat), an item the kiosk cannot apply, a frame over
 * 256 KiB and a binary frame. Each is answered as docs/sync-protocol.md says and logged with a
 * reason, and the kiosk keeps syncing: an appeal filed afterwards reaches the hub and a later
 * good status item is applied.
 */
@Timeout(120)
class SyncBadFramesIT {
    private static final String STREAM = "appeal-status";

    @TempDir
    Path dir;
    private ScriptedHub hub;
    private RunningKioskWithSync kiosk;
    private CapturedLogs logs;

    @BeforeEach
    void start() throws Exception {
        hub = new ScriptedHub();
        logs = CapturedLogs.named("org.jinban");
        kiosk = new RunningKioskWithSync(dir, hub.uri());
    }

    @AfterEach
    void stop() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
        logs.close();
        hub.close();
    }

    @Test
    void badFramesAreAnsweredAndLoggedAndSyncGoesOn() throws Exception {
        await("the kiosk said hello", () -> hub.connected() && hub.received(Hello.class).count() == 1);
        JsonNode first = kiosk.file("路灯不亮");
        String firstId = appealIdOf(first.path("trackingNo").asText());

        hub.sendRaw("{\"v\":1,\"type\":\"deliver\"");
        await("malformed answered", () -> errors("malformed") == 1);
        assertLogged("bad frame (malformed)");

        UUID teleport = UUID.randomUUID();
        hub.sendRaw("{\"v\":1,\"type\":\"teleport\",\"id\":\"" + teleport + "\",\"body\":{}}");
        await("unknown type answered", () -> errors("unknown-type") == 1);
        ErrorMessage unknown = hub.received(ErrorMessage.class).filter(e -> e.code().equals("unknown-type"))
                .findFirst().orElseThrow();
        assertEquals(teleport, unknown.ref(), "the error names the frame");
        assertLogged("bad frame (unknown-type)");

        hub.send(status(1, firstId, "RECEIVED"));
        await("seq 1 applied", () -> lastCursor() == 1 && "RECEIVED".equals(kiosk.status(first)));
        long cursorsBefore = cursors();
        hub.send(status(3, firstId, "RESOLVED"));
        await("a gap answered with the cursor held", () -> cursors() == cursorsBefore + 1);
        hub.send(status(1, firstId, "DISPATCHED"));
        await("a repeat answered with the cursor held", () -> cursors() == cursorsBefore + 2);
        assertEquals(1, lastCursor());
        assertEquals("RECEIVED", kiosk.status(first), "neither out-of-order item was applied");
        assertLogged("item 3 is out of order (cursor 1)");
        assertLogged("item 1 is out of order (cursor 1)");

        hub.send(status(2, UUID.randomUUID().toString(), "DISPATCHED"));
        await("cannot-apply answered and the cursor moved past", () -> errors("cannot-apply") == 1
                && lastCursor() == 2);
        ErrorMessage cannot = hub.received(ErrorMessage.class).filter(e -> e.code().equals("cannot-apply"))
                .findFirst().orElseThrow();
        assertTrue(cannot.reason().contains("appeal-status seq 2"), cannot.reason());
        assertLogged("cannot apply appeal-status seq 2");

        hub.sendRaw("{\"v\":1,\"type\":\"heartbeat\",\"id\":\"" + UUID.randomUUID() + "\",\"body\":{\"pad\":\""
                + "x".repeat(300 * 1024) + "\"}}");
        await("a frame over 256 KiB closes the connection 1009",
                () -> hub.closeCodes().contains(CloseCodes.TOO_LARGE));
        await("and the kiosk comes back", () -> hub.connected() && hub.received(Hello.class).count() == 2);
        assertLogged("Text message too large");

        hub.sendBinary(new byte[] {1, 2, 3});
        await("a binary frame closes the connection 1003",
                () -> hub.closeCodes().contains(CloseCodes.BINARY_FRAME));
        await("and the kiosk comes back", () -> hub.connected() && hub.received(Hello.class).count() == 3);
        assertLogged("the hub sent a binary frame (close 1003)");
        assertEquals(2, hub.received(Hello.class).toList().getLast().cursor(STREAM),
                "the cursor survived the reconnects");

        JsonNode later = kiosk.file("井盖缺失");
        await("the appeal filed afterwards reaches the hub", () -> hub.pushed().stream()
                .anyMatch(r -> r.kind().equals("appeal.filed")
                        && later.path("trackingNo").asText().equals(r.payloadText("trackingNo"))));
        hub.send(status(3, appealIdOf(later.path("trackingNo").asText()), "DISPATCHED"));
        await("a later good item is applied", () -> "DISPATCHED".equals(kiosk.status(later)) && lastCursor() == 3);
        assertEquals("RECEIVED", kiosk.status(first));
        assertFalse(logs.all().contains("路灯不亮") || logs.all().contains("井盖缺失"), "no appeal text in the logs");
    }

    private long errors(String code) {
        return hub.received(ErrorMessage.class).filter(e -> e.code().equals(code)).count();
    }

    private long cursors() {
        return hub.received(Cursor.class).filter(c -> c.stream().equals(STREAM)).count();
    }

    private long lastCursor() {
        List<Cursor> all = hub.received(Cursor.class).filter(c -> c.stream().equals(STREAM)).toList();
        return all.isEmpty() ? 0 : all.getLast().seq();
    }

    private void assertLogged(String what) {
        assertTrue(logs.all().contains(what), () -> "the log says \"" + what + "\":\n" + logs.all());
    }

    private String appealIdOf(String trackingNo) throws Exception {
        await("the hub has " + trackingNo, () -> hub.pushed().stream()
                .anyMatch(r -> trackingNo.equals(r.payloadText("trackingNo"))));
        return hub.pushed().stream().filter(r -> trackingNo.equals(r.payloadText("trackingNo"))).findFirst()
                .orElseThrow().payloadText("id");
    }

    private static Deliver status(long seq, String appealId, String status) {
        ObjectNode body = Kiosk.objectMapper().createObjectNode().put("appealId", appealId).put("status", status);
        return new Deliver(Message.newId(), STREAM, List.of(new Deliver.Item(seq, "appeal.status", body)));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A kiosk syncing with {@code hub}, and the two API calls the test needs. */
    private static final class RunningKioskWithSync implements AutoCloseable {
        private final Kiosk kiosk;
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

        RunningKioskWithSync(Path dir, URI hub) {
            KioskConfig config = new KioskConfig(dir.resolve("kiosk"), "东关社区便民服务站",
                    "Dongguan Community Service Station", "370783001001", Optional.empty(), "zh-CN",
                    Duration.ofSeconds(60), Duration.ofSeconds(180), "classpath:catalog/demo-catalog.json");
            Config server = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                    .addSource(ConfigSources.create(Map.of("host", "127.0.0.1", "port", "0"))).build();
            SyncConfig sync = new SyncConfig(hub, "K-370783001001-01", "scripted", Duration.ofMillis(500), 100, null);
            kiosk = Kiosk.start(server, config, DeviceConfig.simulated(), AppealConfig.defaults(), Clock.systemUTC(),
                    Optional.of(sync));
        }

        JsonNode file(String description) throws Exception {
            String body = Kiosk.objectMapper().writeValueAsString(Map.of("id", UUID.randomUUID().toString(),
                    "category", "URBAN-STREETLIGHT", "description", description, "consent", true));
            var res = http.send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/appeals"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(201, res.statusCode(), res.body());
            return Kiosk.objectMapper().readTree(res.body());
        }

        /** The appeal's status as the resident's lookup shows it. */
        String status(JsonNode filed) {
            try {
                var res = http.send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/appeals/"
                                + filed.path("trackingNo").asText() + "?verifier=" + filed.path("verifier").asText()))
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                return Kiosk.objectMapper().readTree(res.body()).path("status").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + kiosk.port() + path);
        }

        @Override
        public void close() {
            kiosk.close();
        }
    }
}
