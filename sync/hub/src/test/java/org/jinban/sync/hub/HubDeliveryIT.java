package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.jinban.sync.hub.testing.AdminClient;
import org.jinban.sync.hub.testing.ScriptedKiosk;
import org.jinban.sync.protocol.Cursor;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.Streams;
import org.jinban.sync.protocol.Welcome;
import org.jinban.sync.protocol.Hello;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Downstream flow with a small maxBatch: batches, one in flight, resend from a lower cursor, resync. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HubDeliveryIT {
    @TempDir
    Path data;
    private HubStore store;
    private HubServer hub;
    private WebSocketClient client;
    private String credential;

    @BeforeEach
    void start() throws Exception {
        store = HubStore.open(data, Clock.systemUTC());
        hub = HubServer.start(new HubConfig(0, data, 5, 2), store);
        client = new WebSocketClient();
        client.start();
        credential = new AdminClient(hub.adminUri()).enroll("K-1");
        for (int i = 0; i < 5; i++) {
            store.appendItem("K-1", Streams.CONFIG, Streams.KIND_CONFIG_SNAPSHOT,
                    JsonNodeFactory.instance.objectNode().put("n", i + 1));
        }
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        hub.close();
        store.close();
    }

    private static List<Long> seqs(Deliver d) {
        return d.items().stream().map(Deliver.Item::seq).toList();
    }

    @Test
    void itemsGoInBatchesOfMaxBatchEachAfterTheCursorAnswer() throws Exception {
        try (ScriptedKiosk k = ScriptedKiosk.welcomed(client, hub.syncUri(), "K-1", credential, Map.of())) {
            assertEquals(List.of(1L, 2L), seqs(k.next(Deliver.class)));
            assertNull(k.poll(Duration.ofMillis(300)), "one batch in flight per stream");
            k.send(new Cursor(Message.newId(), Streams.CONFIG, 2));
            assertEquals(List.of(3L, 4L), seqs(k.next(Deliver.class)));
            k.send(new Cursor(Message.newId(), Streams.CONFIG, 4));
            assertEquals(List.of(5L), seqs(k.next(Deliver.class)));
            k.send(new Cursor(Message.newId(), Streams.CONFIG, 5));
            assertNull(k.poll(Duration.ofMillis(300)));
        }
        assertEquals(5L, store.cursors("K-1").get(Streams.CONFIG));
    }

    @Test
    void aCursorBelowWhatWasSentIsResentFromThere() throws Exception {
        try (ScriptedKiosk k = ScriptedKiosk.welcomed(client, hub.syncUri(), "K-1", credential,
                Map.of(Streams.CONFIG, 2L))) {
            assertEquals(List.of(3L, 4L), seqs(k.next(Deliver.class)));
            k.send(new Cursor(Message.newId(), Streams.CONFIG, 3)); // applied 3, could not take 4 in order
            assertEquals(List.of(4L, 5L), seqs(k.next(Deliver.class)));
        }
    }

    @Test
    void aCursorBeyondWhatTheHubHoldsIsResyncedWithTheStreamRebuiltFromSeqOne() throws Exception {
        ObjectNode latest = JsonNodeFactory.instance.objectNode();
        latest.putObject("values").put("kiosk.station.name", "东城便民服务站");
        assertEquals(6L, store.streams().setConfig("K-1", latest).orElseThrow());
        try (ScriptedKiosk k = ScriptedKiosk.connect(client, hub.syncUri())) {
            k.send(new Hello(Message.newId(), "K-1", credential, List.of(1), Map.of(Streams.CONFIG, 99L)));
            Welcome w = k.next(Welcome.class);
            assertEquals(List.of(Streams.CONFIG), w.resync());
            assertEquals(2, w.maxBatch());
            assertEquals(5, w.heartbeatSeconds());
            Deliver d = k.next(Deliver.class);
            assertEquals(List.of(1L), seqs(d), "the rebuilt stream holds only the latest config");
            assertEquals(Streams.KIND_CONFIG_SNAPSHOT, d.items().getFirst().kind());
            assertEquals(latest, d.items().getFirst().body());
        }
        assertEquals(1, store.lastSeq("K-1", Streams.CONFIG));
    }
}
