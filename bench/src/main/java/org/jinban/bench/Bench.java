package org.jinban.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.CatalogFileReader;
import org.jinban.kiosk.catalog.CatalogSearch;
import org.jinban.kiosk.catalog.CatalogStore;
import org.jinban.kiosk.store.Database;

/**
 * {@code ./run bench}: the figures of docs/benchmarks.md.
 *
 * <ol>
 *   <li>catalog search in the service layer over a generated 10,000-item catalog, 1,000 mixed queries;</li>
 *   <li>the same queries through HTTP against a kiosk process;</li>
 *   <li>cold start of the kiosk (launch → /observe/health UP with the catalog loaded) against a bare
 *       Helidon SE hello-world started the same way, in the same run, interleaved;</li>
 *   <li>resident set size after start and after the search run;</li>
 *   <li>the input method's candidates, in the service layer and through HTTP ({@link ImeBench});</li>
 *   <li>a 10,000-item catalog delta taken from the sync stream ({@link CatalogDeltaBench});</li>
 *   <li>only when asked for ({@code --parts fleet}, minutes): many simulated kiosks on one hub ({@link FleetBench}).</li>
 * </ol>
 */
public final class Bench {
    private static final int CATALOG_SIZE = 10_000;
    private static final int QUERIES = 1_000;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path kioskJar = Path.of(arg(args, "--kiosk-jar", "kiosk/target/jinban-kiosk.jar"));
        int rounds = Integer.parseInt(arg(args, "--rounds", "5"));
        int starts = Integer.parseInt(arg(args, "--starts", "10"));
        Path work = Files.createTempDirectory("jinban-bench");
        try {
            ObjectMapper json = Kiosk.objectMapper();
            CatalogDocument demo = new CatalogFileReader(json).read("classpath:catalog/demo-catalog.json");
            CatalogDocument big = CatalogGenerator.grow(demo, CATALOG_SIZE, 42);
            Path bigFile = work.resolve("catalog-10k.json");
            Files.write(bigFile, json.writeValueAsBytes(big));
            List<String> queries = QueryMix.draw(big, QUERIES, 7);

            List<String> rows = new ArrayList<>();
            List<String> parts = List.of(arg(args, "--parts", "service,http,start,devices,appeals,ime,sync,catalog-delta").split(","));
            if (parts.contains("service")) {
                rows.add(serviceLayer(work, big, queries, rounds));
            }
            if (parts.contains("http")) {
                rows.addAll(http(kioskJar, work, bigFile, queries, rounds, List.of(), "JVM defaults"));
                rows.addAll(http(kioskJar, work, bigFile, queries, rounds, kioskFlags(), "kiosk flags"));
            }
            if (parts.contains("start")) {
                rows.addAll(coldStart(kioskJar, work, starts));
            }
            if (parts.contains("devices")) {
                rows.addAll(DeviceBench.run(work, rounds));
            }
            if (parts.contains("appeals")) {
                rows.addAll(AppealBench.run(work, rounds));
            }
            if (parts.contains("ime")) {
                rows.addAll(ImeBench.run(kioskJar, work, rounds));
            }
            if (parts.contains("sync")) {
                rows.addAll(SyncBench.run(work, Integer.parseInt(arg(args, "--drain", "10000")), rounds));
            }
            if (parts.contains("catalog-delta")) {
                rows.addAll(CatalogDeltaBench.run(work, demo, json, rounds));
            }
            if (parts.contains("fleet")) {
                rows.addAll(FleetBench.run(work, fleetOptions(args)));
            }

            System.out.println();
            System.out.println("| measure | median | p99 | n | target |");
            System.out.println("|---|---|---|---|---|");
            rows.forEach(System.out::println);
            System.out.println();
            System.out.println("java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** {@code --kiosks N} for one fleet size, or {@code --ramp 1000,2000,4000} to find the hub's ceiling. */
    private static FleetBench.Options fleetOptions(String[] args) {
        String ramp = arg(args, "--ramp", arg(args, "--kiosks", "1000"));
        return new FleetBench.Options(
                java.util.Arrays.stream(ramp.split(",")).map(String::strip).map(Integer::parseInt).toList(),
                Integer.parseInt(arg(args, "--heartbeat-seconds", "5")),
                Integer.parseInt(arg(args, "--filings", "3")),
                Integer.parseInt(arg(args, "--admin-threads", "4")),
                Path.of(arg(args, "--hub-jar", "sync/hub/target/jinban-sync-hub.jar")));
    }

    private static String serviceLayer(Path work, CatalogDocument big, List<String> queries, int rounds) {
        try (Database db = Database.open(work.resolve("service"))) {
            CatalogStore store = new CatalogStore(db, Kiosk.objectMapper());
            long t0 = System.nanoTime();
            store.replaceAll(big, "bench");
            System.err.printf("service layer: imported %d items in %.0f ms%n", big.items().size(),
                    (System.nanoTime() - t0) / 1e6);
            CatalogSearch search = new CatalogSearch(store);
            for (int warm = 0; warm < 2; warm++) {
                queries.forEach(q -> search.search(q, Optional.empty(), Optional.empty(), 20, 0));
            }
            double[] samples = new double[queries.size() * rounds];
            int i = 0;
            long hits = 0;
            for (int r = 0; r < rounds; r++) {
                for (String q : queries) {
                    long s = System.nanoTime();
                    hits += search.search(q, Optional.empty(), Optional.empty(), 20, 0).total();
                    samples[i++] = (System.nanoTime() - s) / 1e6;
                }
            }
            Stats st = Stats.of(samples);
            System.err.printf("service layer: %d searches, %d hits in all%n", samples.length, hits);
            slowest(queries, samples);
            return row("search, service layer (10,000 items, 1,000 mixed queries × " + rounds + ")", st, "ms",
                    "p99 ≤ 3 ms");
        }
    }

    /** Names the queries slowest in their median over the rounds, so a regression points at its cause. */
    private static void slowest(List<String> queries, double[] samples) {
        int n = queries.size();
        int rounds = samples.length / n;
        double[] median = new double[n];
        for (int i = 0; i < n; i++) {
            double[] mine = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                mine[r] = samples[r * n + i];
            }
            median[i] = Stats.of(mine).p50();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(median[b], median[a]));
        for (int i = 0; i < Math.min(12, n); i++) {
            System.err.printf("  slowest median: %6.2f ms  %s%n", median[order[i]], queries.get(order[i]));
        }
    }

    private static List<String> http(Path jar, Path work, Path catalog, List<String> queries, int rounds,
                                     List<String> flags, String label) throws Exception {
        int port = ChildProcess.freePort();
        Path data = work.resolve("http-data");
        List<String> cmd = kioskCommand(jar, port, data, catalog.toString(), flags);
        try (ChildProcess kiosk = ChildProcess.start(cmd, port, work.resolve("http.log"))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port + "/api/v1/catalog/search?limit=20&q=";
            for (int warm = 0; warm < 2; warm++) {
                for (String q : queries) {
                    get(client, base + URLEncoder.encode(q, StandardCharsets.UTF_8));
                }
            }
            double[] samples = new double[queries.size() * rounds];
            int i = 0;
            for (int r = 0; r < rounds; r++) {
                for (String q : queries) {
                    URI uri = URI.create(base + URLEncoder.encode(q, StandardCharsets.UTF_8));
                    long s = System.nanoTime();
                    get(client, uri.toString());
                    samples[i++] = (System.nanoTime() - s) / 1e6;
                }
            }
            double rss = kiosk.rssMiB();
            return List.of(
                    row("search through HTTP, " + label + " (same queries × " + rounds + ", sequential, keep-alive)",
                            Stats.of(samples), "ms", "p99 ≤ 10 ms"),
                    String.format(Locale.ROOT, "| RSS after that HTTP search run (10,000 items), %s | %.0f MiB | | 1 | ≤ 160 MB |",
                            label, rss));
        }
    }

    private static void get(HttpClient client, String uri) throws Exception {
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + res.statusCode() + ": " + res.body());
        }
    }

    private static List<String> coldStart(Path jar, Path work, int starts) throws Exception {
        String java = javaBinary();
        String benchClasspath = System.getProperty("java.class.path");
        Path demoData = work.resolve("cold-data");
        // the first start imports the demo catalog; later starts find it in the database, as on a kiosk
        double firstStart;
        double[] kiosk = new double[starts];
        double[] kioskCds = new double[starts];
        double[] hello = new double[starts];
        double[] kioskRss = new double[starts];
        double[] helloRss = new double[starts];
        double[] withKioskFlags = new double[starts];
        double[] withKioskFlagsRss = new double[starts];
        // each flag set has its own archive: one made under other flags would not be used
        List<String> cdsFlags = List.of("-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + work.resolve("defaults.jsa"));
        List<String> kioskFlags = new ArrayList<>(kioskFlags());
        kioskFlags.addAll(List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + work.resolve("kiosk.jsa")));
        try (ChildProcess k = startKiosk(jar, demoData, List.of(), work)) {
            firstStart = k.startMillis;
        }
        // unmeasured runs create the AppCDS archives
        for (List<String> flags : List.of(cdsFlags, kioskFlags)) {
            try (ChildProcess k = startKiosk(jar, demoData, flags, work)) {
                System.err.printf("cold start: AppCDS archive written (%.0f ms)%n", k.startMillis);
            }
        }
        for (int i = 0; i < starts; i++) {
            int port = ChildProcess.freePort();
            try (ChildProcess h = ChildProcess.start(List.of(java, "-cp", benchClasspath,
                    HelloWorldServer.class.getName(), String.valueOf(port)), port, work.resolve("child.log"))) {
                hello[i] = h.startMillis;
                helloRss[i] = h.rssMiB();
            }
            try (ChildProcess k = startKiosk(jar, demoData, List.of(), work)) {
                kiosk[i] = k.startMillis;
                kioskRss[i] = k.rssMiB();
            }
            try (ChildProcess k = startKiosk(jar, demoData, cdsFlags, work)) {
                kioskCds[i] = k.startMillis;
            }
            try (ChildProcess k = startKiosk(jar, demoData, kioskFlags, work)) {
                withKioskFlags[i] = k.startMillis;
                withKioskFlagsRss[i] = k.rssMiB();
            }
        }
        Stats k = Stats.of(kiosk);
        Stats h = Stats.of(hello);
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "| kiosk first start (imports the demo catalog) | %.0f ms | | 1 | |", firstStart));
        rows.add(row("kiosk cold start → health UP, catalog loaded, JVM defaults", k, "ms", "≤ 1.5 s"));
        rows.add(row("bare Helidon SE hello-world cold start → health UP, JVM defaults (baseline)", h, "ms", ""));
        rows.add(String.format(Locale.ROOT, "| ratio kiosk / hello-world (medians) | %.2f | | | |", k.p50() / h.p50()));
        rows.add(row("kiosk cold start, JVM defaults + AppCDS archive", Stats.of(kioskCds), "ms", "≤ 1.5 s"));
        rows.add(row("kiosk cold start, kiosk flags (incl. AppCDS)", Stats.of(withKioskFlags), "ms", "≤ 1.5 s"));
        rows.add(row("kiosk RSS after start, JVM defaults", Stats.of(kioskRss), "MiB", "≤ 160 MB"));
        rows.add(row("hello-world RSS after start, JVM defaults", Stats.of(helloRss), "MiB", ""));
        rows.add(row("kiosk RSS after start, kiosk flags", Stats.of(withKioskFlagsRss), "MiB", "≤ 160 MB"));
        return rows;
    }

    /** The flags the kiosk is launched with: kiosk/jvm.options, as ./run demo reads them. */
    static List<String> kioskFlags() throws java.io.IOException {
        return Files.readAllLines(Path.of("kiosk/jvm.options")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** Starts the kiosk on a free port and waits for it to be healthy. */
    private static ChildProcess startKiosk(Path jar, Path data, List<String> flags, Path work) throws Exception {
        int port = ChildProcess.freePort();
        return ChildProcess.start(kioskCommand(jar, port, data, null, flags), port, work.resolve("child.log"));
    }

    static List<String> kioskCommand(Path jar, int port, Path data, String catalog, List<String> flags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(flags);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Dserver.port=" + port);
        cmd.add("-Dkiosk.data-dir=" + data);
        if (catalog != null) {
            cmd.add("-Dkiosk.catalog.seed=" + catalog);
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String row(String what, Stats s, String unit, String target) {
        return String.format(Locale.ROOT, "| %s | %.2f %s | %.2f %s | %d | %s |", what, s.p50(), unit, s.p99(), unit,
                s.n(), target);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
