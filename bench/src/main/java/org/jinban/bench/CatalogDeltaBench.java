package org.jinban.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.CatalogFileReader;
import org.jinban.kiosk.catalog.CatalogSearch;
import org.jinban.kiosk.catalog.CatalogStore;
import org.jinban.kiosk.catalog.ItemSummary;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.catalog.ServiceItem;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.sync.CatalogStream;
import org.jinban.sync.protocol.CatalogParts;

/**
 * A {@code catalog.delta} of 10,000 new items taken the way it reaches a kiosk: in the parts
 * the hub cuts it into (docs/sync-protocol.md, "Catalog parts", about 130 of them), each handed
 * to {@link CatalogStream#apply} as the sync client hands a received item, into a kiosk holding
 * the demo catalog; then a search for one of the new items, which must find it, and a delta of
 * 101 changes (100 renamed, 1 removed) to the result. Each round starts from a fresh database.
 *
 * <p>The kiosk's side runs in a JVM of its own, launched with the kiosk's flags
 * (kiosk/jvm.options: a 192 MB heap, C1 only), and again with C2 allowed, for comparison: what
 * the bench's own JVM measures is not what a kiosk runs. The bench writes each part's body to a
 * file beforehand, so the child holds what a kiosk would, one part at a time.
 */
final class CatalogDeltaBench {
    static final int ADDED = 10_000;
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    /** The machine is shared: the thread's CPU time tells a slower change from a busier machine. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private CatalogDeltaBench() {
    }

    static List<String> run(Path work, CatalogDocument demo, ObjectMapper json, int rounds) throws Exception {
        Path dir = work.resolve("catalog-delta");
        prepare(dir, demo, json);
        List<String> kiosk = Bench.kioskFlags();
        List<String> rows = new ArrayList<>();
        rows.addAll(child(dir, rounds, kiosk, "kiosk flags"));
        if (kiosk.contains(C1_ONLY)) {
            rows.addAll(child(dir, rounds, kiosk.stream().filter(f -> !f.equals(C1_ONLY)).toList(),
                    "kiosk flags but C2 allowed"));
        }
        return rows;
    }

    /** Writes the two deltas' parts, one file each, and what the child checks the result by. */
    private static void prepare(Path dir, CatalogDocument demo, ObjectMapper json) throws Exception {
        CatalogDocument grown = CatalogGenerator.grow(demo, demo.items().size() + ADDED, 99);
        List<ServiceItem> added = new ArrayList<>(grown.items().subList(demo.items().size(), grown.items().size()));
        // one new item with a name no other item has, for the search right after the delta
        ServiceItem probe = renamed(added.get(ADDED / 2), "社区长者助浴上门预约", "Home bathing help for seniors", 50);
        added.set(ADDED / 2, probe);
        long v1 = demo.version();
        String bigDelta = json.writeValueAsString(Map.of("version", v1 + 1, "previousVersion", v1,
                "upserts", added, "removes", List.of()));
        List<ServiceItem> renamed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            renamed.add(renamed(added.get(i * 97), "改名事项第" + i + "号", "Renamed " + i, 100));
        }
        String smallDelta = json.writeValueAsString(Map.of("version", v1 + 2, "previousVersion", v1 + 1,
                "upserts", renamed, "removes", List.of(added.getLast().code())));
        Properties p = new Properties();
        p.setProperty("big.parts", String.valueOf(writeParts(dir.resolve("big"), v1 + 1, bigDelta)));
        p.setProperty("big.bytes", String.valueOf(bigDelta.getBytes(StandardCharsets.UTF_8).length));
        p.setProperty("small.parts", String.valueOf(writeParts(dir.resolve("small"), v1 + 2, smallDelta)));
        p.setProperty("probe.query", probe.name().zh());
        p.setProperty("probe.code", probe.code());
        p.setProperty("renamed.query", "改名事项第42号");
        p.setProperty("renamed.code", renamed.get(42).code());
        p.setProperty("items.after", String.valueOf(demo.items().size() + ADDED));
        try (var out = Files.newBufferedWriter(dir.resolve("delta.properties"))) {
            p.store(out, "catalog delta bench");
        }
    }

    /** The delta's parts as the hub appends them, one file per item body; how many. */
    private static int writeParts(Path dir, long version, String body) throws Exception {
        Files.createDirectories(dir);
        List<CatalogParts.Part> parts = CatalogParts.split(version, body);
        for (CatalogParts.Part part : parts) {
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "%04d.json", part.part())), part.body().toString());
        }
        return parts.size();
    }

    private static List<String> child(Path dir, int rounds, List<String> flags, String label) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Bench.javaBinary());
        cmd.addAll(flags);
        String extra = System.getenv("JINBAN_BENCH_CHILD_OPTS"); // e.g. a flight recording, to profile
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.strip().split("\\s+")));
        }
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CatalogDeltaBench.class.getName());
        cmd.add(dir.toString());
        cmd.add(String.valueOf(rounds));
        cmd.add(label);
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("MALLOC_ARENA_MAX", "2"); // as the kiosk is launched
        Process p = builder.start();
        List<String> rows = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("|")) {
                    rows.add(line);
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the catalog delta bench (" + label + ") exited with " + p.exitValue());
        }
        return rows;
    }

    /** The kiosk's side: {@code <dir> <rounds> <label>}; prints the rows of the table on stdout. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        String label = args[2];
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("delta.properties"))) {
            p.load(in);
        }
        ObjectMapper json = Kiosk.objectMapper();
        CatalogDocument demo = new CatalogFileReader(json).read("classpath:catalog/demo-catalog.json");
        List<Path> big = parts(dir.resolve("big"));
        List<Path> small = parts(dir.resolve("small"));

        double[] kept = new double[rounds];
        double[] last = new double[rounds];
        double[] lastCpu = new double[rounds];
        double[] lastProcessCpu = new double[rounds];
        double[] firstSearch = new double[rounds];
        double[] smallTotal = new double[rounds];
        double[] oldPeak = new double[rounds];
        double[] lastGc = new double[rounds];
        double[] rssAfter = new double[rounds];
        double[] heapAfter = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            Path db = dir.resolve("round-" + r);
            try (Database database = Database.open(db)) {
                CatalogStore store = new CatalogStore(database, json);
                store.replaceAll(demo, "bench");
                CatalogStream stream = new CatalogStream(database, store, json);
                CatalogSearch search = new CatalogSearch(store);
                long seq = 0;

                long t0 = System.nanoTime();
                for (int i = 0; i < big.size() - 1; i++) {
                    stream.apply(++seq, kind(big), Files.readString(big.get(i)));
                }
                kept[r] = (System.nanoTime() - t0) / 1e6;
                String lastBody = Files.readString(big.getLast());
                java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
                        .forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
                long gc0 = gcMillis();
                long cpu0 = CPU.getCurrentThreadCpuTime();
                long processCpu0 = processCpuNanos();
                t0 = System.nanoTime();
                stream.apply(++seq, kind(big), lastBody);
                last[r] = (System.nanoTime() - t0) / 1e6;
                lastCpu[r] = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6;
                lastProcessCpu[r] = (processCpuNanos() - processCpu0) / 1e6;
                lastGc[r] = gcMillis() - gc0;
                oldPeak[r] = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP
                                && !pool.getName().contains("Eden") && !pool.getName().contains("Survivor"))
                        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / 1048576.0;

                rssAfter[r] = ChildProcess.rssMiB("self");
                heapAfter[r] = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
                        .getCommitted() / 1048576.0;
                t0 = System.nanoTime();
                List<String> found = codes(search, p.getProperty("probe.query"));
                firstSearch[r] = (System.nanoTime() - t0) / 1e6;
                if (!found.contains(p.getProperty("probe.code"))
                        || store.itemCount() != Integer.parseInt(p.getProperty("items.after"))) {
                    throw new IllegalStateException("after the delta a search for a new item found " + found
                            + " and the kiosk holds " + store.itemCount() + " items");
                }

                t0 = System.nanoTime();
                for (Path part : small) {
                    stream.apply(++seq, kind(small), Files.readString(part));
                }
                smallTotal[r] = (System.nanoTime() - t0) / 1e6;
                List<String> renamedFound = codes(search, p.getProperty("renamed.query"));
                if (renamedFound.isEmpty() || !renamedFound.getFirst().equals(p.getProperty("renamed.code"))) {
                    throw new IllegalStateException("after 101 changes a search for a renamed item found " + renamedFound);
                }
            } finally {
                delete(db);
            }
            System.err.printf(Locale.ROOT, "catalog delta (%s): round %d: %d parts kept in %.0f ms, the last applied"
                    + " in %.0f ms (CPU of this thread %.0f ms, of the JVM %.0f ms, GC %.0f ms,"
                    + " old generation's peak %.0f MiB; then heap committed %.0f MiB, RSS %.0f MiB), search %.1f ms,"
                    + " 101 changes (%d parts) %.0f ms%n", label, r + 1, big.size() - 1, kept[r], last[r], lastCpu[r],
                    lastProcessCpu[r], lastGc[r], oldPeak[r], heapAfter[r], rssAfter[r], firstSearch[r], small.size(),
                    smallTotal[r]);
        }
        double[] total = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            total[r] = kept[r] + last[r];
        }
        int held = demo.items().size();
        String mb = String.format(Locale.ROOT, "%.1f MB", Long.parseLong(p.getProperty("big.bytes")) / 1e6);
        List<String> rows = List.of(
                row("catalog.delta adding 10,000 items (" + mb + ", " + big.size() + " parts) to the demo catalog ("
                        + held + " items), " + label + ": last part → searchable", Stats.of(last), "ms", "≤ 3 s"),
                row("  the same, every part: " + (big.size() - 1) + " parts kept + the last applied", Stats.of(total),
                        "ms", ""),
                // what the machine's other tenants do not change: the work itself, on every thread
                row("  CPU time of the kiosk's JVM (all threads, collector and JIT) for the last part", Stats.of(
                        lastProcessCpu), "ms", ""),
                row("  first search right after it finds a new item", Stats.of(firstSearch), "ms", ""),
                row("  heap committed right after it", Stats.of(heapAfter), "MiB", ""),
                row("  RSS of this JVM right after it", Stats.of(rssAfter), "MiB", ""),
                row("  then a catalog.delta of 101 changes (100 renamed, 1 removed, " + small.size() + " parts) to "
                        + (held + ADDED) + " items", Stats.of(smallTotal), "ms", "keep ~1 s or less"));
        rows.forEach(System.out::println);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static String kind(List<Path> parts) {
        return parts.size() == 1 ? CatalogStream.DELTA : CatalogParts.KIND_DELTA_PART;
    }

    private static List<Path> parts(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static List<String> codes(CatalogSearch search, String query) {
        return search.search(query, Optional.empty(), Optional.empty(), 20, 0).items().stream()
                .map(ItemSummary::code).toList();
    }

    private static ServiceItem renamed(ServiceItem it, String zh, String en, int popularity) {
        return new ServiceItem(it.code(), new LocalizedText(zh, en), it.alternativeNames(), it.description(),
                it.competentAuthority(), it.handlingLevel(), it.channels(), it.requiredEvidence(), it.steps(),
                it.cost(), it.processingTime(), it.processingTimeWorkingDays(), it.proxyHandling(), it.online(),
                it.lifeEvents(), it.keywords(), popularity);
    }

    /** Median and max: with a handful of rounds a p99 is the max anyway. */
    private static String row(String what, Stats s, String unit, String target) {
        return String.format(Locale.ROOT, "| %s | %.0f %s | max %.0f %s | %d | %s |", what, s.p50(), unit, s.max(),
                unit, s.n(), target);
    }

    private static void delete(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
