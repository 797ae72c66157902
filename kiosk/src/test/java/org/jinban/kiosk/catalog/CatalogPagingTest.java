package org.jinban.kiosk.catalog;

import static org.jinban.kiosk.testing.CatalogFixtures.catalog;
import static org.jinban.kiosk.testing.CatalogFixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jinban.kiosk.testing.CatalogFixtures;
import org.jinban.kiosk.testing.TempCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paging and totals over a catalog large enough that a search stops early: pages must join up
 * without gaps or repeats across match levels, and totals are exact up to the cap.
 */
class CatalogPagingTest {
    @TempDir
    static Path dir;
    static TempCatalog catalog;

    /** 150 items named 证明, 150 with it as a keyword, 150 with it in their materials, 50 without. */
    @BeforeAll
    static void load() {
        List<CatalogFixtures.ItemBuilder> items = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            items.add(item("N-" + i, "收入证明开具" + i, "Income certificate " + i).popularity(i % 7));
            items.add(item("K-" + i, "补贴申请" + i, "Allowance " + i).keywords("收入证明")
                    .department("social-security").popularity(i % 5));
            items.add(item("M-" + i, "居住登记" + i, "Residence registration " + i)
                    .material("收入证明", "Proof of income").popularity(i % 3));
        }
        for (int i = 0; i < 50; i++) {
            items.add(item("X-" + i, "婚姻登记" + i, "Marriage registration " + i));
        }
        catalog = new TempCatalog(dir, catalog(1, items.toArray(CatalogFixtures.ItemBuilder[]::new)));
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    private static SearchPage page(String q, int limit, int offset) {
        return catalog.search.search(q, Optional.empty(), Optional.empty(), limit, offset);
    }

    @ParameterizedTest
    @ValueSource(strings = {"收入证明", "证明", "srzm"})
    void pagesJoinUpAcrossLevelsWithoutGapsOrRepeats(String q) {
        List<ItemSummary> all = new ArrayList<>();
        for (int offset = 0; offset < 500; offset += 20) {
            all.addAll(page(q, 20, offset).items());
        }
        Set<String> codes = new HashSet<>();
        all.forEach(s -> assertTrue(codes.add(s.code()), "repeated " + s.code()));
        boolean pinyin = q.equals("srzm");
        assertEquals(pinyin ? 300 : 450, all.size(), "every match once");
        int previous = Integer.MAX_VALUE;
        for (ItemSummary s : all) {
            assertTrue(s.matchScore() <= previous, "levels never go up along the pages");
            previous = s.matchScore();
        }
        assertTrue(all.subList(0, 150).stream().allMatch(s -> s.code().startsWith("N-")), "names first");
        assertTrue(all.subList(150, 300).stream().allMatch(s -> s.code().startsWith("K-")), "then keywords");
        if (!pinyin) {
            assertTrue(all.subList(300, 450).stream().allMatch(s -> s.code().startsWith("M-")), "then materials");
        }
    }

    @Test
    void withinALevelMorePopularItemsComeFirst() {
        List<ItemSummary> names = page("收入证明开具", 50, 0).items();
        for (int i = 1; i < names.size(); i++) {
            int before = Integer.parseInt(names.get(i - 1).code().substring(2)) % 7;
            int after = Integer.parseInt(names.get(i).code().substring(2)) % 7;
            assertTrue(before >= after, names.get(i - 1).code() + " before " + names.get(i).code());
        }
    }

    @Test
    void totalsAreExactUpToTheCapAndSayWhenTheyAreNot() {
        SearchPage broad = page("证明", 20, 0);
        assertEquals(SearchExecutor.TOTAL_CAP, broad.total());
        assertFalse(broad.totalExact(), "450 matches are more than the cap");
        SearchPage threeChars = page("收入证明", 20, 0);
        assertEquals(SearchExecutor.TOTAL_CAP, threeChars.total());
        assertFalse(threeChars.totalExact());
        SearchPage names = page("收入证明开具", 20, 0);
        assertEquals(150, names.total());
        assertTrue(names.totalExact());
        SearchPage pinyin = page("srzm", 20, 0);
        assertEquals(300, pinyin.total());
        assertTrue(pinyin.totalExact());
        SearchPage last = page("收入证明开具", 20, 140);
        assertEquals(10, last.items().size());
        assertEquals(150, last.total());
    }

    @Test
    void filtersApplyOnEveryPath() {
        for (String q : List.of("", "证", "证明", "收入证明")) {
            SearchPage social = catalog.search.search(q, Optional.of("social-security"), Optional.empty(), 50, 0);
            assertTrue(social.items().stream().allMatch(s -> s.code().startsWith("K-")), q);
            assertEquals(150, social.total(), q);
        }
    }

    @Test
    void severalWordsMustAllMatchAndTheWeakestRanks() {
        SearchPage both = page("收入证明 补贴", 50, 0);
        assertEquals(150, both.total());
        assertTrue(both.items().stream().allMatch(s -> s.code().startsWith("K-")));
        assertTrue(both.items().stream().allMatch(s -> "keyword".equals(s.matchedIn())));
        SearchPage mixed = page("证 婚姻", 20, 0);
        assertEquals(0, mixed.total());
    }
}
