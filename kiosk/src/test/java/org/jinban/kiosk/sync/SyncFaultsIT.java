package org.jinban.kiosk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.testing.CapturedLogs;
import org.jinban.kiosk.testing.ChildKiosk;
import org.jinban.kiosk.testing.FaultProxy;
import org.jinban.kiosk.testing.RestartableHub;
import org.jinban.sync.hub.KioskSession;
import org.jinban.sync.protocol.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite of the sync (issue 5): a TCP proxy between a kiosk process and the hub, and
 * while appeals flow up and status changes flow down the link is dropped 20 times, stalled,
 * the hub restarted twice and the kiosk {@code kill -9}ed twice. At the end the hub holds each
 * appeal exactly once, the kiosk shows each final status, and both databases pass
 * {@code integrity_check}.
 *
 * <p>Everything random comes from one seed, printed at the start; {@code -Dfault.seed=…} replays
 * a run's plan ({@code -Dfault.appeals=…} makes a shorter run while working on it). A failed
 * run leaves the kiosk's logs and the hub's session log in {@code target/sync-faults-<seed>/}
 * ({@code -Dfault.keep-logs=true}: a passing one too).
 */
@Timeout(value = 9, unit = TimeUnit.MINUTES)
class SyncFaultsIT {
    private static final String KIOSK_ID = "K-370783001001-01";
    private static final int HEARTBEAT_SECONDS = 1;
    /** Concurrent filing requests, as from a few screens at once. */
    private static final int FILERS = 3;
    /** Concurrent status changes at the hub's admin API. */
    private static final int MOVERS = 3;
    /** What the kiosk's sync client and the hub log when they give up a silent connection. */
    private static final String KIOSK_SILENCE = "the hub has been silent for";
    private static final String HUB_SILENCE = "nothing heard for";
    /** How long each phase may take before the test gives up and says which one hung. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(6);
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    private final ObjectMapper json = Kiosk.objectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private CapturedLogs hubLog;
    private final AtomicBoolean stop = new AtomicBoolean();

    // the run's figures
    private final AtomicInteger filed = new AtomicInteger();
    private final AtomicInteger filingResends = new AtomicInteger();
    private final AtomicInteger statusesMade = new AtomicInteger();
    private final AtomicInteger statusResends = new AtomicInteger();
    private final List<String> faultLog = new CopyOnWriteArrayList<>();
    /** Stalls longer than three heartbeats that an end did not notice. */
    private final List<String> longStallsUnnoticed = new CopyOnWriteArrayList<>();

    private FaultPlan plan;
    private long startedNanos;
    private RestartableHub hub;
    private FaultProxy proxy;
    private ChildKiosk kiosk;
    /** The tracking number the kiosk gave each planned appeal (its 201, or the 200 of a resend). */
    private AtomicReferenceArray<String> trackingNos;
    /** Tracking numbers the kiosk answered 201 for. */
    private final Set<String> answered201 = ConcurrentHashMap.newKeySet();

    @Test
    void eachAppealOnceAndEachFinalStatusThroughDropsStallsAndRestarts() throws Exception {
        long seed = Long.getLong("fault.seed", new Random().nextLong());
        int n = Integer.getInteger("fault.appeals", 5_000);
        plan = FaultPlan.draw(seed, n, Duration.ofSeconds(HEARTBEAT_SECONDS));
        System.out.printf("SyncFaultsIT: seed %d (replay with -Dfault.seed=%d), %d appeals, %d status changes,"
                + " %d faults%n", seed, seed, n, plan.statusChanges, plan.faults.size());
        trackingNos = new AtomicReferenceArray<>(n);
        long started = System.nanoTime();
        startedNanos = started;

        hubLog = CapturedLogs.of(KioskSession.class);
        hub = RestartableHub.start(dir.resolve("hub"), HEARTBEAT_SECONDS);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            String credential = hub.enroll(KIOSK_ID);
            proxy = FaultProxy.start(hub.port(), new Random(seed ^ 0x5eed));
            kiosk = new ChildKiosk(dir.resolve("kiosk"), Map.of(
                    "sync.hub-url", "ws://127.0.0.1:" + proxy.port() + "/sync/v1",
                    "sync.kiosk-id", KIOSK_ID,
                    "sync.reconnect-cap", "2s"),
                    Map.of("SYNC_CREDENTIAL", credential));
            kiosk.start();
            System.out.printf("SyncFaultsIT: hub and kiosk up after %.1f s%n", seconds(System.nanoTime() - started));

            Future<?> filing = threads.submit(this::fileAll);
            Future<?> statuses = threads.submit(this::moveStatuses);
            Future<?> chaos = threads.submit(this::chaos);
            long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
            filing.get(remaining(deadline), TimeUnit.NANOSECONDS);
            statuses.get(remaining(deadline), TimeUnit.NANOSECONDS);
            chaos.get(remaining(deadline), TimeUnit.NANOSECONDS);
            long flowed = System.nanoTime();
            assertEquals(List.of(), problems, "the run itself went wrong");

            awaitQuiet();
            long quiet = System.nanoTime();
            verifyAtHub();
            verifyAtKiosk();
            kiosk.stop();
            hub.stop();
            verifyDatabases();
            verifyFaultsHappened();

            System.out.printf("SyncFaultsIT: seed %d passed: %d appeals (%d filing resends, %d answered 201),"
                            + " %d status changes (%d resends); %d drops cutting %d connections, %d stalls,"
                            + " %d hub restarts, %d kiosk kills; %d connections through the proxy;"
                            + " flow %.1f s, quiet after %.1f s more, %.1f s in all%n",
                    seed, n, filingResends.get(), answered201.size(), statusesMade.get(), statusResends.get(),
                    count(FaultPlan.Kind.DROP), proxy.dropped(), count(FaultPlan.Kind.STALL), hub.restarts(),
                    kiosk.starts() - 1, proxy.connections(), seconds(flowed - started), seconds(quiet - flowed),
                    seconds(System.nanoTime() - started));
            faultLog.forEach(l -> System.out.println("SyncFaultsIT:   " + l));
            if (Boolean.getBoolean("fault.keep-logs")) {
                keepLogs(seed);
            }
        } catch (Throwable t) {
            System.out.printf("SyncFaultsIT: seed %d FAILED (replay with -Dfault.seed=%d); filed %d, statuses %d;"
                    + " faults so far: %s; problems: %s%n", seed, seed, filed.get(), statusesMade.get(), faultLog,
                    problems);
            keepLogs(seed);
            throw t;
        } finally {
            stop.set(true);
            threads.shutdownNow();
            threads.awaitTermination(20, TimeUnit.SECONDS);
            if (kiosk != null) {
                kiosk.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            hub.close();
            hubLog.close();
        }
    }

    // ---- the filing client ----

    /**
     * Files the planned appeals, {@link #FILERS} requests at a time as several screens would; an
     * appeal whose answer was lost is sent again with its id until the kiosk answers.
     */
    private void fileAll() {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> filers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(FILERS);
        try {
            for (int t = 0; t < FILERS; t++) {
                filers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plan.appeals.size() && !stop.get();
                         i = next.getAndIncrement()) {
                        file(plan.appeals.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : filers) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            problems.add("filing: " + e);
            stop.set(true);
        } finally {
            pool.shutdownNow();
        }
    }

    private void file(FaultPlan.Appeal a) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", a.id().toString());
        body.put("category", a.category());
        body.put("description", a.description());
        body.put("consent", true);
        String text = json.writeValueAsString(body);
        while (!stop.get()) {
            HttpResponse<String> res;
            try {
                res = http.send(HttpRequest.newBuilder(kioskUri("/api/v1/appeals"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(text)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // killed, restarting, or the answer was lost: the same id again is safe
                filingResends.incrementAndGet();
                Thread.sleep(50);
                continue;
            }
            if (res.statusCode() != 201 && res.statusCode() != 200) {
                problems.add("appeal " + a.index() + " was answered " + res.statusCode() + ": " + res.body());
                stop.set(true);
                return;
            }
            String no = json.readTree(res.body()).path("trackingNo").asText();
            trackingNos.set(a.index(), no);
            if (res.statusCode() == 201) {
                answered201.add(no);
            }
            filed.incrementAndGet();
            return;
        }
    }

    // ---- the central platform's case handling ----

    /** An appeal's next status change, waiting for its moment. */
    private record Due(long atNanos, int appeal, int step) implements Delayed {
        static Due in(long millis, int appeal, int step) {
            return new Due(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), appeal, step);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(atNanos, ((Due) other).atNanos);
        }
    }

    /**
     * Moves statuses at the hub as appeals arrive there: one thread watches the hub's appeal list,
     * {@link #MOVERS} make the changes, each appeal's in order and a random moment apart, so some
     * reach the kiosk in one deliver and some in separate ones.
     */
    private void moveStatuses() {
        DelayQueue<Due> due = new DelayQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(MOVERS);
        List<Future<?>> movers = new ArrayList<>();
        try {
            for (int t = 0; t < MOVERS; t++) {
                Random random = new Random(plan.seed ^ (0x57a7 + t));
                movers.add(pool.submit(() -> {
                    while (statusesMade.get() < plan.statusChanges && !stop.get()) {
                        Due d = due.poll(100, TimeUnit.MILLISECONDS);
                        if (d != null) {
                            move(d, due, random);
                        }
                    }
                    return null;
                }));
            }
            watchArrivals(due);
            for (Future<?> f : movers) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            problems.add("status mover: " + e);
            stop.set(true);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Lists the hub's appeals every half second and schedules the first change of each newcomer. */
    private void watchArrivals(DelayQueue<Due> due) throws IOException, InterruptedException {
        Random random = new Random(plan.seed ^ 0xa77);
        Map<String, Integer> byTrackingNo = new HashMap<>();
        Set<String> arrived = new HashSet<>();
        while (arrived.size() < plan.appeals.size() && !stop.get()) {
            for (int i = 0; i < plan.appeals.size(); i++) {
                String no = trackingNos.get(i);
                if (no != null) {
                    byTrackingNo.putIfAbsent(no, i);
                }
            }
            JsonNode rows = hubAppeals();
            for (JsonNode row : rows == null ? json.createArrayNode() : rows) {
                String no = row.path("trackingNo").asText();
                Integer i = byTrackingNo.get(no);
                if (i != null && arrived.add(no) && !plan.appeals.get(i).statuses().isEmpty()) {
                    due.add(Due.in(random.nextInt(1_500), i, 0));
                }
            }
            Thread.sleep(500);
        }
    }

    private void move(Due d, DelayQueue<Due> due, Random random) throws IOException, InterruptedException {
        FaultPlan.Appeal a = plan.appeals.get(d.appeal());
        if (postStatus(trackingNos.get(a.index()), a.statuses().get(d.step()))) {
            statusesMade.incrementAndGet();
            if (d.step() + 1 < a.statuses().size()) {
                due.add(Due.in(200 + random.nextInt(2_000), d.appeal(), d.step() + 1));
            }
        } else {
            // the hub is restarting, or its answer was lost: the same change again, never the next
            statusResends.incrementAndGet();
            due.add(Due.in(100 + random.nextInt(200), d.appeal(), d.step()));
            Thread.sleep(50);
        }
    }

    /** @return false if the hub could not be reached or did not answer */
    private boolean postStatus(String trackingNo, String status) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        switch (status) {
            case "DISPATCHED", "IN_PROGRESS" -> {
                body.put("handlingLevel", "STREET");
                body.put("department", "圣城街道城管办");
            }
            case "RESOLVED" -> body.put("reply", "路灯已修复");
            case "REJECTED" -> body.put("reason", "不属于受理范围");
            default -> { }
        }
        HttpResponse<String> res;
        try {
            res = http.send(HttpRequest.newBuilder(hub.admin("/appeals/" + trackingNo + "/status"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return false;
        }
        if (res.statusCode() == 200) {
            return true;
        }
        if (res.statusCode() >= 500) {
            return false; // stopping under the request
        }
        throw new IllegalStateException("the hub answered a status change " + res.statusCode() + ": " + res.body());
    }

    /** The hub's appeals, or null while it is down. */
    private JsonNode hubAppeals() throws InterruptedException {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(hub.admin("/appeals"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200 ? json.readTree(res.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    // ---- the faults ----

    private void chaos() {
        Random random = new Random(plan.seed ^ 0xc4a05);
        try {
            for (FaultPlan.Fault f : plan.faults) {
                while (progress() < f.atProgress()) {
                    if (stop.get()) {
                        return;
                    }
                    Thread.sleep(20);
                }
                String when = String.format("%.1fs (filed %d, statuses %d)", seconds(System.nanoTime() - startedNanos),
                        filed.get(), statusesMade.get());
                String what = switch (f.kind()) {
                    case DROP -> drop(random);
                    case STALL -> stall(f.length(), random);
                    case HUB_RESTART -> {
                        Thread.sleep(random.nextInt(250));
                        hub.stop();
                        Thread.sleep(f.length().toMillis());
                        hub.start();
                        yield "hub restart, down " + f.length().toMillis() + " ms";
                    }
                    case KIOSK_KILL -> {
                        Thread.sleep(random.nextInt(250));
                        long at = System.nanoTime();
                        kiosk.kill9();
                        Thread.sleep(f.length().toMillis());
                        kiosk.start();
                        yield String.format("kiosk kill -9, listening again after %.1f s", seconds(System.nanoTime() - at));
                    }
                };
                faultLog.add(when + ": " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            problems.add("chaos: " + e);
            stop.set(true);
        }
    }

    /** Cuts the link at a random moment of a connection's life: waits for one, bounded. */
    private String drop(Random random) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            await(Duration.ofSeconds(10), () -> proxy.live() > 0);
            Thread.sleep(random.nextInt(300));
            int cut = proxy.dropAll();
            if (cut > 0) {
                return "drop (" + cut + " connection" + (cut > 1 ? "s" : "") + ")";
            }
        }
        throw new IllegalStateException("no connection to drop within 20 tries");
    }

    /**
     * Stops the link for {@code length}. A stall past three heartbeat periods starts on a welcomed
     * connection, and both ends must then give it up as silent: the kiosk says so in its log, the
     * hub in its own.
     */
    private String stall(Duration length, Random random) throws InterruptedException, IOException {
        boolean isLong = length.compareTo(Duration.ofSeconds(HEARTBEAT_SECONDS * 3L)) > 0;
        if (isLong && !awaitSteadyConnection()) {
            longStallsUnnoticed.add(length.toMillis() + " ms: no welcomed connection to stall within 20 s");
        }
        Thread.sleep(random.nextInt(250));
        int kioskNoticed = count(kiosk.log(), KIOSK_SILENCE);
        int hubNoticed = count(hubLog.all(), HUB_SILENCE);
        long at = System.nanoTime();
        proxy.stall(length);
        Thread.sleep(length.toMillis());
        int reconnects = proxy.connectionsSince(at);
        boolean kioskGaveUp = count(kiosk.log(), KIOSK_SILENCE) > kioskNoticed;
        boolean hubGaveUp = count(hubLog.all(), HUB_SILENCE) > hubNoticed;
        if (isLong && !(kioskGaveUp && hubGaveUp)) {
            longStallsUnnoticed.add(length.toMillis() + " ms: kiosk gave up " + kioskGaveUp + ", hub " + hubGaveUp);
        }
        return "stall " + length.toMillis() + " ms (kiosk gave up the connection: " + kioskGaveUp + ", hub: "
                + hubGaveUp + ", new connections meanwhile: " + reconnects + ")";
    }

    /**
     * Waits (bounded) until the kiosk reports a welcomed connection twice, a second apart, with
     * the proxy carrying one: right after a drop its health may not yet say it lost the last one.
     */
    private boolean awaitSteadyConnection() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (kioskSync().path("connected").asBoolean(false)) {
                Thread.sleep(1_000);
                if (kioskSync().path("connected").asBoolean(false) && proxy.live() > 0) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    private long progress() {
        return filed.get() + (long) statusesMade.get();
    }

    // ---- the end ----

    /** Waits until nothing is left to flow: outbox empty, every appeal at the hub, every status applied. */
    private void awaitQuiet() throws InterruptedException {
        boolean quiet = await(QUIET_LIMIT, () -> {
            JsonNode sync = kioskSync();
            JsonNode rows;
            try {
                rows = hubAppeals();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
            if (rows == null || rows.size() != plan.appeals.size() || sync.path("queue").asLong(-1) != 0) {
                return false;
            }
            var store = hub.running();
            long last = store.lastSeq(KIOSK_ID, Streams.APPEAL_STATUS);
            return store.cursors(KIOSK_ID).getOrDefault(Streams.APPEAL_STATUS, -1L) == last;
        });
        assertTrue(quiet, "not quiet within " + QUIET_LIMIT.toSeconds() + " s: kiosk sync " + kioskSync()
                + ", hub appeals " + hub.running().appeals().size() + ", hub appeal-status last seq "
                + hub.running().lastSeq(KIOSK_ID, Streams.APPEAL_STATUS) + ", kiosk's cursor at the hub "
                + hub.running().cursors(KIOSK_ID));
    }

    private void verifyAtHub() throws InterruptedException {
        JsonNode rows = hubAppeals();
        assertTrue(rows != null, "the hub answers");
        Map<String, String> statusAtHub = new HashMap<>();
        for (JsonNode row : rows) {
            String previous = statusAtHub.put(row.path("trackingNo").asText(), row.path("status").asText());
            assertTrue(previous == null, "the hub holds " + row.path("trackingNo").asText() + " twice");
        }
        assertEquals(plan.appeals.size(), statusAtHub.size(), "the hub holds each appeal once");
        for (String no : answered201) {
            assertTrue(statusAtHub.containsKey(no), "the kiosk answered 201 for " + no + " but the hub lacks it");
        }
        for (FaultPlan.Appeal a : plan.appeals) {
            String no = trackingNos.get(a.index());
            assertEquals(a.finalStatus(), statusAtHub.get(no), "status of " + no + " at the hub");
        }
    }

    /** Every appeal's status through the kiosk's own lookup (a bare tracking number shows it). */
    private void verifyAtKiosk() throws Exception {
        List<String> wrong = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(FILERS);
        try {
            List<Future<?>> lookers = new ArrayList<>();
            for (int t = 0; t < FILERS; t++) {
                lookers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plan.appeals.size(); i = next.getAndIncrement()) {
                        FaultPlan.Appeal a = plan.appeals.get(i);
                        String no = trackingNos.get(i);
                        HttpResponse<String> res = http.send(HttpRequest.newBuilder(kioskUri("/api/v1/appeals/" + no))
                                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                        String status = res.statusCode() == 200 ? json.readTree(res.body()).path("status").asText()
                                : "(" + res.statusCode() + ")";
                        if (!a.finalStatus().equals(status)) {
                            wrong.add(no + " shows " + status + " after the hub's " + a.statuses());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : lookers) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), wrong.size() > 20 ? wrong.subList(0, 20) : wrong,
                wrong.size() + " appeals show another status at the kiosk than the hub's last");
    }

    private void verifyDatabases() throws Exception {
        Path kioskDb = kiosk.dataDir().resolve(Database.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + kioskDb + "?open_mode=1");
             Statement st = c.createStatement()) {
            assertEquals("ok", one(st, "PRAGMA integrity_check"), "the kiosk's database");
            assertEquals(plan.appeals.size(), Long.parseLong(one(st, "SELECT count(*) FROM appeal")));
            assertEquals(plan.appeals.size(), Long.parseLong(one(st, "SELECT count(DISTINCT tracking_no) FROM appeal")));
            assertEquals("0", one(st, "SELECT count(*) FROM outbox WHERE state <> 'ACKED'"),
                    "nothing pending or failed in the kiosk's outbox: "
                            + one(st, "SELECT group_concat(state || ':' || n) FROM (SELECT state, count(*) n"
                            + " FROM outbox GROUP BY state)"));
        }
        Path hubDb = hub.dataDir().resolve("hub.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + hubDb + "?open_mode=1");
             Statement st = c.createStatement()) {
            assertEquals("ok", one(st, "PRAGMA integrity_check"), "the hub's database");
            assertEquals(plan.appeals.size(), Long.parseLong(one(st, "SELECT count(*) FROM appeal")));
            assertEquals(plan.appeals.size(), Long.parseLong(one(st, "SELECT count(DISTINCT tracking_no) FROM appeal")));
            assertEquals(plan.appeals.size(), Long.parseLong(one(st,
                    "SELECT count(*) FROM received_record WHERE kind = 'appeal.filed'")));
        }
    }

    private void verifyFaultsHappened() {
        assertEquals(plan.faults.size(), faultLog.size(), "every planned fault was done: " + faultLog);
        assertEquals(count(FaultPlan.Kind.DROP), faultLog.stream().filter(l -> l.contains(": drop (")).count(),
                "every drop cut a live connection");
        assertEquals(2, hub.restarts(), "hub restarts");
        assertEquals(3, kiosk.starts(), "kiosk starts (two after kill -9)");
        assertEquals(List.of(), longStallsUnnoticed,
                "during a stall longer than three heartbeats both ends must give up the silent connection");
    }

    // ---- small helpers ----

    /** The kiosk's logs of a failed run outlive the temporary directory, for the one who replays it. */
    private void keepLogs(long seed) {
        if (kiosk == null) {
            return;
        }
        try {
            Path kept = Path.of("target", "sync-faults-" + seed);
            Files.createDirectories(kept);
            for (Path log : kiosk.logs()) {
                if (Files.exists(log)) {
                    Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(kept.resolve("hub-sessions.log"), hubLog.all());
            System.out.println("SyncFaultsIT: the kiosk's and the hub's logs are in " + kept.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("SyncFaultsIT: cannot keep the logs: " + e);
        }
    }

    private URI kioskUri(String path) {
        return URI.create("http://127.0.0.1:" + kiosk.port() + path);
    }

    /** The sync check of the kiosk's health, or an empty object while it does not answer. */
    private JsonNode kioskSync() {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(kioskUri("/observe/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : json.readTree(res.body()).path("checks")) {
                if ("sync".equals(check.path("name").asText())) {
                    return check.path("data");
                }
            }
        } catch (IOException e) {
            // down or restarting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return json.createObjectNode();
    }

    private long count(FaultPlan.Kind kind) {
        return plan.faults.stream().filter(f -> f.kind() == kind).count();
    }

    private static boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
