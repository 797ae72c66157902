package org.jinban.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.CatalogSearch;
import org.jinban.kiosk.catalog.CatalogStore;
import org.jinban.kiosk.catalog.ItemSummary;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.catalog.ServiceItem;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.sync.CatalogStream;

/**
 * A {@code catalog.delta} of 10,000 new items taken the way the sync stream takes it
 * ({@link CatalogStream#apply}: JSON body parsed, checked, indexed, cursor moved, one
 * transaction), into a kiosk holding the demo catalog; then a search for one of the new items,
 * which must find it, and a delta of 101 changes (100 renamed, 1 removed) to the result. Each
 * round starts from a fresh database holding the demo catalog.
 */
final class CatalogDeltaBench {
    static final int ADDED = 10_000;
    /** The machine is shared: the thread's CPU time tells a slower change from a busier machine. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private CatalogDeltaBench() {
    }

    static List<String> run(Path work, CatalogDocument demo, ObjectMapper json, int rounds) throws Exception {
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

        double[] apply = new double[rounds];
        double[] applyCpu = new double[rounds];
        double[] firstSearch = new double[rounds];
        double[] small = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            Path dir = work.resolve("catalog-delta-" + r);
            try (Database db = Database.open(dir)) {
                CatalogStore store = new CatalogStore(db, json);
                store.replaceAll(demo, "bench");
                CatalogStream stream = new CatalogStream(db, store, json);
                CatalogSearch search = new CatalogSearch(store);

                long cpu0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                stream.apply(1, CatalogStream.DELTA, bigDelta);
                apply[r] = (System.nanoTime() - t0) / 1e6;
                applyCpu[r] = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6;

                t0 = System.nanoTime();
                List<String> found = search.search(probe.name().zh(), Optional.empty(), Optional.empty(), 20, 0)
                        .items().stream().map(ItemSummary::code).toList();
                firstSearch[r] = (System.nanoTime() - t0) / 1e6;
                if (!found.contains(probe.code()) || store.itemCount() != demo.items().size() + ADDED) {
                    throw new IllegalStateException("after the delta a search for a new item found " + found
                            + " and the kiosk holds " + store.itemCount() + " items");
                }

                t0 = System.nanoTime();
                stream.apply(2, CatalogStream.DELTA, smallDelta);
                small[r] = (System.nanoTime() - t0) / 1e6;
                List<String> renamedFound = search.search("改名事项第42号", Optional.empty(), Optional.empty(), 20, 0)
                        .items().stream().map(ItemSummary::code).toList();
                if (renamedFound.isEmpty() || !renamedFound.getFirst().equals(renamed.get(42).code())) {
                    throw new IllegalStateException("after 101 changes a search for a renamed item found " + renamedFound);
                }
            } finally {
                delete(dir);
            }
            System.err.printf(Locale.ROOT, "catalog delta: round %d: 10,000 items %.0f ms (CPU of this thread %.0f ms),"
                    + " search %.1f ms, 101 changes %.0f ms%n", r + 1, apply[r], applyCpu[r], firstSearch[r], small[r]);
        }
        int held = demo.items().size();
        return List.of(
                row("apply a catalog.delta adding 10,000 items to the demo catalog (" + held + " items), "
                        + "stream → searchable", Stats.of(apply), "ms", "≤ 3 s"),
                row("first search right after it finds a new item", Stats.of(firstSearch), "ms", ""),
                row("then a catalog.delta of 101 changes (100 renamed, 1 removed) to " + (held + ADDED) + " items",
                        Stats.of(small), "ms", "keep ~1 s or less"));
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
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = java.nio.file.Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
