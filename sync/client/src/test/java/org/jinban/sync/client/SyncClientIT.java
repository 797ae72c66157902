package org.jinban.sync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.jinban.sync.protocol.Cursor;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.ErrorMessage;
import org.jinban.sync.protocol.Hello;
import org.jinban.sync.protocol.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SyncClientIT {

    private FakeHub hub;
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryStreams streams = new InMemoryStreams();
    private SyncClient client;

    @BeforeEach
    void hub() throws Exception {
        hub = new FakeHub();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            Instant before = Instant.now();
            client.close();
            assertTrue(Duration.between(before, Instant.now()).compareTo(Duration.ofSeconds(8)) < 0, "close is bounded");
        }
        hub.close();
    }

    private void start(int maxBatch) {
        SyncConfig config = new SyncConfig(hub.uri(), "K-370783001001-01", "enrolled-secret",
                Duration.ofMillis(200), maxBatch, null);
        client = new SyncClient(config, outbox, streams, Clock.systemUTC(), RandomGenerator.getDefault(),
                Duration.ofMillis(50));
        client.start();
    }

    @Test
    void theHandshakeCarriesTheCursorsAndAResyncIsPassedOn() {
        streams.cursors.putAll(Map.of("catalog", 3L, "roster", 7L));
        hub.resync = List.of("catalog");
        start(100);
        await(() -> client.status().connected());
        Hello hello = hub.received(Hello.class).findFirst().orElseThrow();
        assertEquals("K-370783001001-01", hello.kioskId());
        assertEquals("enrolled-secret", hello.credential());
        assertEquals(3L, hello.cursor("catalog"));
        assertEquals(7L, hello.cursor("roster"));
        assertEquals(0L, hello.cursor("appeal-status"));
        await(() -> streams.resyncs.equals(List.of("catalog")));
        assertEquals(0L, streams.cursor("catalog"));
    }

    @Test
    void pushedRecordsAreAckedInOrderAndTheOutboxIsTold() {
        List<String> ids = List.of(outbox.add("appeal.filed"), outbox.add("appeal.rated"), outbox.add("audit.appended"));
        start(2);
        await(() -> outbox.pendingCount() == 0);
        assertEquals(ids, outbox.ackedIds());
        assertEquals(ids, hub.pushedIds);
        String late = outbox.add("device.health");
        client.wake();
        await(() -> outbox.ackedIds().contains(late));
        await(() -> client.status().queueLength() == 0);
    }

    @Test
    void aRejectedRecordIsMarkedAndTheRestGoOn() {
        String a = outbox.add("appeal.filed");
        String bad = outbox.add("appeal.filed");
        String c = outbox.add("appeal.rated");
        hub.reject = Set.of(bad);
        start(100);
        await(() -> outbox.pendingCount() == 0);
        assertEquals(List.of(a, c), outbox.ackedIds());
        assertEquals(Map.of(bad, "invalid record"), outbox.rejected);
    }

    @Test
    void deliveriesAreAppliedInOrderAndABadItemStillMovesTheCursor() {
        start(100);
        await(() -> client.status().connected());
        hub.send(deliver("appeal-status", 1, 2));
        await(() -> lastCursor("appeal-status") == 2);
        assertEquals(List.of("appeal-status#1 {\"n\":1}", "appeal-status#2 {\"n\":2}"), streams.applied);

        hub.send(deliver("appeal-status", 5));
        await(() -> hub.received(Cursor.class).count() == 2);
        assertEquals(2, lastCursor("appeal-status"), "an out-of-order item is ignored");
        assertEquals(2, streams.applied.size());

        streams.failOn = Set.of(3L);
        hub.send(deliver("appeal-status", 3, 4));
        await(() -> lastCursor("appeal-status") == 4);
        assertEquals(List.of("appeal-status#3"), streams.skipped);
        assertEquals("appeal-status#4 {\"n\":4}", streams.applied.get(2));
        ErrorMessage error = hub.received(ErrorMessage.class).findFirst().orElseThrow();
        assertEquals("cannot-apply", error.code());
        assertTrue(error.reason().contains("appeal-status seq 3"), error.reason());
    }

    @Test
    void aMalformedFrameIsAnsweredAndSyncGoesOn() {
        start(100);
        await(() -> client.status().connected());
        hub.sendRaw("{\"v\":1,\"type\":\"deliver\"");
        await(() -> hub.received(ErrorMessage.class).anyMatch(e -> e.code().equals("malformed")));
        String id = outbox.add("appeal.filed");
        client.wake();
        await(() -> outbox.ackedIds().contains(id));
        assertEquals(1, hub.connections.get());
    }

    @Test
    void aBinaryFrameIsRefusedWith1003AndTheClientComesBack() {
        start(100);
        await(() -> client.status().connected());
        hub.sendBinary(new byte[] {0x7b, 0x7d});
        await(() -> hub.closeCodes.contains(1003));
        assertTrue(client.status().lastError().contains("binary frame"), client.status().lastError());
        await(() -> hub.connections.get() == 2 && client.status().connected());
        String id = outbox.add("appeal.filed");
        client.wake();
        await(() -> outbox.ackedIds().contains(id));
    }

    @Test
    void aDroppedConnectionIsReopenedAndWhatWasNotAckedIsSentAgain() {
        List<String> ids = List.of(outbox.add("appeal.filed"), outbox.add("appeal.filed"), outbox.add("audit.appended"),
                outbox.add("appeal.rated"), outbox.add("device.health"));
        hub.dropOnPush.set(2);
        start(2);
        await(() -> outbox.pendingCount() == 0);
        // several pushes are in flight, so both drops can fall on the first connection
        assertTrue(hub.connections.get() >= 2, "connections: " + hub.connections.get());
        assertEquals(ids, outbox.ackedIds());
        assertTrue(hub.pushedIds.containsAll(ids));
    }

    @Test
    void severalPushesAreInFlightAndTheRecordsStillArriveInOrderOnce() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(outbox.add(i % 2 == 0 ? "appeal.filed" : "audit.appended"));
        }
        hub.answerAfter = Conversation.PUSHES_IN_FLIGHT;
        start(10);
        await(() -> outbox.pendingCount() == 0);
        assertEquals(Conversation.PUSHES_IN_FLIGHT, hub.largestHeld.get(), "pushes sent before the first ack");
        assertEquals(ids, hub.pushedIds, "each record pushed once, in outbox order");
        assertEquals(ids, outbox.ackedIds());
        assertEquals(1, hub.connections.get());
    }

    @Test
    void whatWasInFlightWhenTheConnectionDroppedIsSentAgainInOrderAndNothingIsLost() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(outbox.add(i % 2 == 0 ? "appeal.filed" : "appeal.rated"));
        }
        hub.answerAfter = Conversation.PUSHES_IN_FLIGHT;
        hub.dropAfterHeldAcks = 1;
        start(10);
        await(() -> outbox.pendingCount() == 0);
        assertTrue(hub.connections.get() >= 2, "connections: " + hub.connections.get());
        assertEquals(ids, outbox.ackedIds(), "every record acked once, in order");
        // the first push was acked; the three after it were in flight and went again, from the first unacked
        List<String> pushed = List.copyOf(hub.pushedIds);
        assertEquals(ids.subList(0, 40), pushed.subList(0, 40));
        assertEquals(ids.subList(10, 100), pushed.subList(pushed.size() - 90, pushed.size()));
        assertEquals(ids, pushed.stream().distinct().toList(), "first sent in outbox order");
    }

    @Test
    void aSilentHubIsDroppedAndReconnected() {
        hub.heartbeatSeconds = 1;
        hub.silent = true;
        start(100);
        await(() -> hub.connections.get() >= 2);
        assertTrue(client.status().lastError().contains("silent"), client.status().lastError());
    }

    @Test
    void aHubThatCannotBeReachedIsSaidSoOnEveryAttempt() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SyncConfig config = new SyncConfig(java.net.URI.create("ws://127.0.0.1:" + closed + "/sync/v1"),
                "K-370783001001-01", "enrolled-secret", Duration.ofMillis(200), 100, null);
        client = new SyncClient(config, outbox, streams, Clock.systemUTC(), RandomGenerator.getDefault(),
                Duration.ofMillis(20));
        client.start();
        // Jetty reports a refused connection twice (the connect's future and the endpoint's
        // error); whichever comes first, staff must read "cannot connect", not a broken connection
        java.util.Set<String> seen = new java.util.TreeSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (client.reconnects() < 8 && System.nanoTime() < deadline) {
            String error = client.status().lastError();
            if (error != null) {
                seen.add(error);
            }
            Thread.sleep(1);
        }
        assertTrue(client.reconnects() >= 8, "attempts: " + client.reconnects());
        assertTrue(!seen.isEmpty() && seen.stream().allMatch(e -> e.startsWith("cannot connect")), seen.toString());
    }

    @Test
    void aRefusedCredentialShowsAsUnauthorized() {
        hub.unauthorized = true;
        start(100);
        await(() -> client.status().lastError() != null && client.status().lastError().startsWith("unauthorized"));
        assertTrue(!client.status().connected());
    }

    private long lastCursor(String stream) {
        List<Cursor> cursors = hub.received(Cursor.class).filter(c -> c.stream().equals(stream)).toList();
        return cursors.isEmpty() ? -1 : cursors.get(cursors.size() - 1).seq();
    }

    private static Deliver deliver(String stream, long... seqs) {
        List<Deliver.Item> items = java.util.Arrays.stream(seqs).mapToObj(seq -> new Deliver.Item(seq, "appeal.status",
                JsonNodeFactory.instance.objectNode().put("n", seq))).toList();
        return new Deliver(Message.newId(), stream, items);
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 15 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
