package org.jinban.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.sync.client.SyncConfig;
import org.jinban.sync.hub.HubConfig;
import org.jinban.sync.hub.HubServer;
import org.jinban.sync.hub.HubStore;

/**
 * Draining a kiosk that was offline: {@code appeals} appeals are filed while no hub is
 * configured (once), then, each round, a copy of that kiosk starts again with a new reference
 * hub on loopback, with 100 records a push and with the default batch, and the time runs
 * until the hub holds every appeal (each with its audit record, so twice as many records) and
 * the kiosk's outbox is empty. Lost or duplicated appeals fail the run.
 */
final class SyncBench {
    private static final String KIOSK_ID = "K-BENCH-01";

    private SyncBench() {
    }

    static List<String> run(Path work, int appeals, int rounds) throws Exception {
        Path filled = work.resolve("sync-kiosk-filled");
        Config server = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("host", "127.0.0.1", "port", "0"))).build();
        ObjectMapper json = Kiosk.objectMapper();

        long fillStart = System.nanoTime();
        try (Kiosk offline = Kiosk.start(server, kioskConfig(filled), DeviceConfig.simulated(), AppealConfig.defaults(),
                Clock.systemDefaultZone())) {
            fill(offline.port(), appeals, json);
        }
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        System.err.printf("sync: filed %d appeals offline in %.1f s%n", appeals, fillSeconds);

        // the batch of the first figures (100), and today's default of kiosk and hub
        int[] batches = {100, Math.min(SyncConfig.DEFAULT_MAX_BATCH, HubConfig.DEFAULT_MAX_BATCH)};
        double[][] seconds = new double[batches.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int b = 0; b < batches.length; b++) {
                // each drain takes a copy of the same filled kiosk into a new hub, batch sizes interleaved
                Path kioskData = work.resolve("sync-kiosk-" + r + "-" + b);
                Path hubData = work.resolve("sync-hub-" + r + "-" + b);
                copy(filled, kioskData);
                seconds[b][r] = drain(hubData, kioskConfig(kioskData), server, appeals, batches[b], json);
                System.err.printf(Locale.ROOT, "sync: round %d, batch %d: drained %,d appeals in %.2f s (%,.0f appeals/s)%n",
                        r + 1, batches[b], appeals, seconds[b][r], appeals / seconds[b][r]);
                delete(kioskData);
                delete(hubData);
            }
        }
        List<String> rows = new ArrayList<>();
        for (int b = 0; b < batches.length; b++) {
            Stats st = Stats.of(seconds[b]);
            double fastest = Arrays.stream(seconds[b]).min().orElseThrow();
            rows.add(String.format(Locale.ROOT,
                    "| drain %,d queued appeals (+ their audit records) to the hub over loopback, %d records a push"
                            + " | %.2f s (%,.0f appeals/s) | slowest %.2f s (%,.0f/s), fastest %.2f s (%,.0f/s) | %d"
                            + " | ≥ 1,000 appeals/s; 0 lost, 0 duplicated |",
                    appeals, batches[b], st.p50(), appeals / st.p50(), st.max(), appeals / st.max(), fastest,
                    appeals / fastest, rounds));
        }
        return rows;
    }

    private static KioskConfig kioskConfig(Path data) {
        return new KioskConfig(data, "测试站", "Test station", "370783001001", Optional.empty(),
                "zh-CN", Duration.ofSeconds(60), Duration.ofSeconds(180), "classpath:catalog/demo-catalog.json");
    }

    /** Starts a hub and the kiosk with it; the time from the kiosk's start until the hub holds every appeal. */
    private static double drain(Path hubData, KioskConfig config, Config server, int appeals, int batch,
                                ObjectMapper json) throws Exception {
        int hubPort;
        try (ServerSocket s = new ServerSocket(0)) {
            hubPort = s.getLocalPort();
        }
        HubConfig hubConfig = new HubConfig(hubPort, hubData, 15, HubConfig.DEFAULT_MAX_BATCH);
        try (HubStore hubStore = HubStore.open(hubConfig.dataDir(), Clock.systemUTC());
             HubServer hub = HubServer.start(hubConfig, hubStore)) {
            String credential = hubStore.enroll(KIOSK_ID).orElseThrow();
            SyncConfig sync = new SyncConfig(URI.create("ws://127.0.0.1:" + hubPort + "/sync/v1"), KIOSK_ID,
                    credential, Duration.ofSeconds(2), batch, null);
            long start = System.nanoTime();
            try (Kiosk online = Kiosk.start(server, config, DeviceConfig.simulated(), AppealConfig.defaults(),
                    Clock.systemDefaultZone(), Optional.of(sync))) {
                long deadline = start + Duration.ofMinutes(5).toNanos();
                // The kiosk's queue reaches 0 only when the hub has acked every record, i.e. stored
                // it durably; asking the kiosk is cheap, listing the hub's appeals is not.
                // (Before its first look at the outbox the client reports a queue of 0, so the
                // hub's count is checked as well, but only once the queue says it is done.)
                int held = 0;
                while (queue(online.port(), json) > 0 || (held = hubStore.appeals().size()) < appeals) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the hub held " + held + " of " + appeals + " after 5 min");
                    }
                    Thread.sleep(50);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long distinct = hubStore.appeals().stream().map(HubStore.AppealRow::trackingNo).distinct().count();
                if (held != appeals || distinct != appeals) {
                    throw new IllegalStateException("lost or duplicated: held " + held + ", distinct " + distinct);
                }
                return seconds;
            }
        }
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Files the appeals over HTTP from four clients at once, as fast as the kiosk commits them. */
    private static void fill(int port, int appeals, ObjectMapper json) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                done.add(clients.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < appeals) {
                        String body = json.writeValueAsString(Map.of("id", UUID.randomUUID().toString(),
                                "category", "URBAN-STREETLIGHT", "description", "离线时反映的第" + i + "件",
                                "phone", "13812345678", "consent", true));
                        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + port + "/api/v1/appeals")).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (res.statusCode() != 201) {
                            throw new IllegalStateException("filing answered " + res.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private static long queue(int port, ObjectMapper json) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/observe/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (var check : json.readTree(res.body()).path("checks")) {
            if ("sync".equals(check.path("name").asText())) {
                return check.path("data").path("queue").asLong(Long.MAX_VALUE);
            }
        }
        return Long.MAX_VALUE;
    }
}
