package org.jinban.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.CatalogFileReader;
import org.junit.jupiter.api.Test;

/** The figures in docs/benchmarks.md are only as good as these pieces. */
class BenchToolsTest {

    @Test
    void percentilesAreNearestRank() {
        double[] samples = new double[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i; // 100 .. 1, unsorted on purpose
        }
        Stats s = Stats.of(samples);
        assertEquals(50, s.p50());
        assertEquals(99, s.p99());
        assertEquals(100, s.max());
        assertEquals(100, s.n());
    }

    @Test
    void theCatalogGrowsToSizeWithUniqueCodes() {
        CatalogDocument demo = new CatalogFileReader(Kiosk.objectMapper()).read("classpath:catalog/demo-catalog.json");
        CatalogDocument big = CatalogGenerator.grow(demo, 1_000, 42);
        assertEquals(1_000, big.items().size());
        assertEquals(1_000, big.items().stream().map(i -> i.code()).distinct().count());
    }

    @Test
    void theQueryMixHasEveryKindInItsShare() {
        CatalogDocument demo = new CatalogFileReader(Kiosk.objectMapper()).read("classpath:catalog/demo-catalog.json");
        List<String> queries = QueryMix.draw(demo, 1_000, 7);
        assertEquals(1_000, queries.size());
        assertEquals(queries, QueryMix.draw(demo, 1_000, 7), "the same seed draws the same queries");
        long chinese = queries.stream().filter(q -> q.codePoints().anyMatch(Character::isIdeographic)).count();
        long latin = queries.size() - chinese;
        assertTrue(chinese >= 350 && chinese <= 450, "about 40% Chinese, was " + chinese);
        assertTrue(latin >= 550, "pinyin, initials and English make up the rest, was " + latin);
        assertTrue(queries.stream().filter(q -> q.codePoints().anyMatch(Character::isIdeographic))
                .allMatch(q -> q.codePointCount(0, q.length()) <= 4), "Chinese queries have 1 to 4 characters");
    }
}
