package org.jinban.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.jinban.sync.protocol.Ack;
import org.jinban.sync.protocol.Codec;

/**
 * A fleet of {@link SimulatedKiosk}s on one shared Jetty {@link WebSocketClient}, and the
 * phases the fleet benchmark drives them through: enroll, connect, file, push a status change to
 * every kiosk. Heartbeats run from each kiosk's welcome until {@link #close()}, at the period
 * the hub gave, each kiosk at its own random phase so they spread over the period as a real
 * fleet's do.
 */
final class Fleet implements AutoCloseable {
    /** Connections opening at once; more only queue inside Jetty's client. */
    private static final int CONNECTS_IN_FLIGHT = 64;
    private static final Duration PHASE_LIMIT = Duration.ofMinutes(5);
    /** Longer than the hub's 10 s wait for its writer: an ack later than this is not coming. */
    private static final Duration ACK_LIMIT = Duration.ofSeconds(60);

    /** What the kiosks counted, shared by all of them. */
    static final class Tally {
        final LongAdder heartbeats = new LongAdder();
        final LongAdder hubHeartbeats = new LongAdder();
        final LongAdder pushes = new LongAdder();
        final LongAdder cursors = new LongAdder();
        final LongAdder sendFailures = new LongAdder();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger disconnects = new AtomicInteger();
        final ConcurrentLinkedQueue<String> firstProblems = new ConcurrentLinkedQueue<>();
        /** trackingNo → System.nanoTime() when its kiosk had applied it and sent its cursor. */
        final Map<String, Long> appliedAt = new ConcurrentHashMap<>();

        void applied(String trackingNo, long nanos) {
            appliedAt.putIfAbsent(trackingNo, nanos);
        }

        void error(String what) {
            errors.incrementAndGet();
            note(what);
        }

        void disconnect(String what) {
            disconnects.incrementAndGet();
            note(what);
        }

        private void note(String what) {
            if (firstProblems.size() < 10) {
                firstProblems.add(what);
            }
        }
    }

    final Tally tally = new Tally();
    private final List<SimulatedKiosk> kiosks = new ArrayList<>();
    private final WebSocketClient client;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fleet-heartbeat").daemon().factory());

    Fleet() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64);
        threads.setName("fleet-ws");
        threads.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setConnectTimeout(30_000);
        // every kiosk is one connection to the same hub: no pool limit may stand between them
        http.setMaxConnectionsPerDestination(1_000_000);
        http.setMaxRequestsQueuedPerDestination(1_000_000);
        client = new WebSocketClient(http);
        client.setMaxTextMessageSize(Codec.MAX_FRAME_BYTES);
        client.setIdleTimeout(Duration.ofMinutes(5));
        client.setConnectTimeout(30_000);
        client.setStopAtShutdown(false);
        client.start();
    }

    /** The kiosk ids of a fleet of {@code n}, as the hub enrolls them. */
    static String kioskId(int i) {
        return String.format(Locale.ROOT, "K-FLEET-%06d", i);
    }

    /** Enrolls {@code n} kiosks through the admin API from {@code threads} clients; returns their credentials. */
    static List<String> enroll(HubAdmin admin, int n, int threads) throws Exception {
        String[] credentials = new String[n];
        parallel(threads, n, i -> credentials[i] = admin.enroll(kioskId(i)));
        return List.of(credentials);
    }

    /**
     * Opens a connection per kiosk, says hello, and waits for every welcome; then starts each
     * kiosk's heartbeat at a random phase of {@code heartbeatSeconds}.
     *
     * @return the number of kiosks welcomed (the others are in {@link Tally#firstProblems})
     */
    int connect(URI sync, List<String> credentials, int heartbeatSeconds) throws InterruptedException {
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        AtomicInteger welcomed = new AtomicInteger();
        for (int i = 0; i < credentials.size(); i++) {
            SimulatedKiosk kiosk = new SimulatedKiosk(kioskId(i), credentials.get(i), tally);
            kiosks.add(kiosk);
            inFlight.acquire();
            try {
                client.connect(kiosk, sync).whenComplete((session, failure) -> {
                    if (failure != null) {
                        kiosk.welcomed().completeExceptionally(failure);
                    }
                });
            } catch (java.io.IOException e) {
                inFlight.release();
                tally.disconnect(kiosk.kioskId + ": cannot connect: " + e);
                continue;
            }
            kiosk.welcomed().orTimeout(PHASE_LIMIT.toSeconds(), TimeUnit.SECONDS).whenComplete((w, failure) -> {
                try {
                    if (failure == null) {
                        welcomed.incrementAndGet();
                        long period = w.heartbeatSeconds() * 1000L;
                        heartbeats.scheduleAtFixedRate(kiosk::heartbeat, ThreadLocalRandom.current().nextLong(period),
                                period, TimeUnit.MILLISECONDS);
                    } else {
                        tally.disconnect(kiosk.kioskId + ": no welcome: " + failure);
                    }
                } finally {
                    inFlight.release(); // last: the count above must be complete when connect() returns
                }
            });
        }
        inFlight.acquire(CONNECTS_IN_FLIGHT);
        inFlight.release(CONNECTS_IN_FLIGHT);
        return welcomed.get();
    }

    /**
     * Every kiosk files {@code perKiosk} appeals, one push at a time, each after the previous
     * one's ack, starting at a random moment within {@code spread} (zero: all at once).
     *
     * @return push → ack times in ms, one per appeal acked
     */
    double[] file(int perKiosk, Duration spread) throws Exception {
        ConcurrentLinkedQueue<Double> samples = new ConcurrentLinkedQueue<>();
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (SimulatedKiosk k : kiosks) {
                if (!k.welcomed().isDone() || k.welcomed().isCompletedExceptionally()) {
                    continue; // counted already as not welcomed
                }
                long wait = spread.isZero() ? 0 : ThreadLocalRandom.current().nextLong(spread.toMillis());
                done.add(each.submit(() -> {
                    Thread.sleep(wait);
                    for (int j = 0; j < perKiosk; j++) {
                        long start = System.nanoTime();
                        Ack ack = k.file(trackingNo(k.kioskId, j)).get(ACK_LIMIT.toSeconds(), TimeUnit.SECONDS);
                        if (ack.rejected().isEmpty()) {
                            samples.add((System.nanoTime() - start) / 1e6);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    tally.error("filing failed: " + e.getCause());
                }
            }
        }
        return samples.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The tracking number of a kiosk's {@code j}th appeal in the fleet run. */
    static String trackingNo(String kioskId, int j) {
        return kioskId.substring(2) + "-" + j;
    }

    /** The outcome of pushing one status change to every kiosk. */
    record PushResult(double[] latenciesMs, int missing, double seconds) {
    }

    /**
     * For every kiosk, changes the status of its first appeal through the admin API, from
     * {@code threads} clients, and times each from just before the admin call to the moment
     * the kiosk had applied the item and sent its cursor.
     */
    PushResult pushStatusToAll(HubAdmin admin, int threads, Duration settle) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        parallel(threads, kiosks.size(), i -> {
            String trackingNo = trackingNo(kiosks.get(i).kioskId, 0);
            sentAt.put(trackingNo, System.nanoTime());
            try {
                admin.changeStatus(trackingNo, "RECEIVED");
            } catch (java.io.IOException e) {
                sentAt.remove(trackingNo);
                tally.error("status change of " + trackingNo + ": " + e.getMessage());
            }
        });
        long deadline = System.nanoTime() + settle.toNanos();
        while (!tally.appliedAt.keySet().containsAll(sentAt.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> latencies = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> e : sentAt.entrySet()) {
            Long applied = tally.appliedAt.get(e.getKey());
            if (applied == null) {
                missing++;
            } else {
                latencies.add((applied - e.getValue()) / 1e6);
            }
        }
        return new PushResult(latencies.stream().mapToDouble(Double::doubleValue).toArray(), missing, seconds);
    }

    int size() {
        return kiosks.size();
    }

    @FunctionalInterface
    interface IndexedTask {
        void run(int i) throws Exception;
    }

    /** Runs {@code task(0 … n-1)} on {@code threads} platform threads; the first failure fails the whole. */
    static void parallel(int threads, int n, IndexedTask task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < n) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    @Override
    public void close() throws Exception {
        heartbeats.shutdownNow();
        kiosks.forEach(SimulatedKiosk::close);
        Thread.sleep(500); // let the close frames go out before the client stops
        client.stop();
    }
}
