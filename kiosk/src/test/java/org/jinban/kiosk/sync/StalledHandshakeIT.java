package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.jinban.kiosk.testing.FaultProxy;
import org.jinban.kiosk.testing.RestartableHub;
import org.jinban.sync.client.Outbox;
import org.jinban.sync.client.OutboxRecord;
import org.jinban.sync.client.StreamHandler;
import org.jinban.sync.client.SyncClient;
import org.jinban.sync.client.SyncConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link that takes the kiosk's connection but never answers its WebSocket upgrade (stalled, or
 * a middlebox that lost the flow) must not hold the sync client: heartbeats only start once the
 * socket is open, so the upgrade itself needs a limit. Found by the fault suite's stalls.
 */
@Timeout(120)
class StalledHandshakeIT {
    private static final String KIOSK_ID = "K-370783001001-01";
    /** Well past the client's upgrade limit, well short of Jetty's idle timeout (minutes). */
    private static final Duration GIVE_UP_WITHIN = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @Test
    void anUnansweredUpgradeIsGivenUpAndTheClientDialsAgain() throws Exception {
        try (RestartableHub hub = RestartableHub.start(dir.resolve("hub"), 1);
             FaultProxy proxy = FaultProxy.start(hub.port(), new Random(1))) {
            String credential = hub.enroll(KIOSK_ID);
            proxy.stall(Duration.ofMinutes(10));
            SyncClient client = new SyncClient(new SyncConfig(URI.create("ws://127.0.0.1:" + proxy.port() + "/sync/v1"),
                    KIOSK_ID, credential, Duration.ofSeconds(2), 100, null), new EmptyOutbox(), new NoStreams());
            try {
                client.start();
                assertTrue(await(GIVE_UP_WITHIN, () -> proxy.connections() >= 2),
                        "the client still waits for the answer to its first upgrade after "
                                + GIVE_UP_WITHIN.toSeconds() + " s: " + client.status());
                proxy.stall(Duration.ZERO);
                assertTrue(await(Duration.ofSeconds(30), () -> client.status().connected()),
                        "connected once the link flows: " + client.status());
            } finally {
                client.close();
            }
        }
    }

    private static boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static final class EmptyOutbox implements Outbox {
        @Override
        public List<OutboxRecord> nextBatch(int max) {
            return List.of();
        }

        @Override
        public void acked(Collection<String> ids) {
        }

        @Override
        public void rejected(String id, String reason) {
        }

        @Override
        public long pendingCount() {
            return 0;
        }

        @Override
        public Optional<Instant> oldestPending() {
            return Optional.empty();
        }
    }

    private static final class NoStreams implements StreamHandler {
        @Override
        public long cursor(String stream) {
            return 0;
        }

        @Override
        public void apply(String stream, long seq, String kind, String bodyJson) {
        }

        @Override
        public void skip(String stream, long seq, String kind, String reason) {
        }

        @Override
        public void resync(String stream) {
        }
    }
}
