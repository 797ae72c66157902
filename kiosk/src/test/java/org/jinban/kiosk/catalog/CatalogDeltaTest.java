package org.jinban.kiosk.catalog;

import static org.jinban.kiosk.testing.CatalogFixtures.catalog;
import static org.jinban.kiosk.testing.CatalogFixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jinban.kiosk.testing.CatalogFixtures.ItemBuilder;
import org.jinban.kiosk.testing.TempCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog delta keeps the search exactly where a full import of the same version would put it. */
class CatalogDeltaTest {
    @TempDir
    Path dir;
    TempCatalog catalog;

    @BeforeEach
    void load() {
        catalog = new TempCatalog(dir, catalog(1,
                item("JB-001", "老年人优待证办理", "Senior citizen privilege card").keywords("老年证").popularity(90),
                item("JB-003", "居住证办理", "Residence permit").lifeEvents("residence-id").popularity(70),
                item("JB-004", "高龄津贴申请", "Old-age allowance").keywords("老人补贴").popularity(40)));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private List<String> codes(String q) {
        return catalog.search.search(q, Optional.empty(), Optional.empty(), 50, 0).items().stream()
                .map(ItemSummary::code).toList();
    }

    private static CatalogDelta delta(long previous, long version, List<ItemBuilder> upserts, List<String> removes) {
        return new CatalogDelta(version, previous, null, upserts.stream().map(ItemBuilder::build).toList(), removes);
    }

    private void apply(CatalogDelta delta) {
        catalog.store.applyDelta(delta, "test", c -> null);
    }

    @Test
    void anAddedItemIsFoundAtOnceByNamePinyinAndInitials() {
        apply(delta(1, 2, List.of(item("JB-009", "助餐补贴申请", "Meal subsidy").keywords("老人吃饭")), List.of()));
        assertEquals(Optional.of(2L), catalog.store.version());
        assertEquals(4, catalog.store.itemCount());
        assertEquals(List.of("JB-009"), codes("助餐"));
        assertEquals(List.of("JB-009"), codes("zhucan"));
        assertEquals(List.of("JB-009"), codes("zcbt"));
        assertEquals(List.of("JB-009"), codes("Meal"));
        assertTrue(codes("老人").contains("JB-009"), "its keywords are indexed");
        assertTrue(codes("长者").contains("JB-009"), "and their synonyms (老人 ↔ 长者) too");
    }

    @Test
    void aChangedItemIsFoundByItsNewNameOnly() {
        apply(delta(1, 2, List.of(item("JB-003", "居住登记", "Residence registration")
                .lifeEvents("residence-id").popularity(70)), List.of()));
        assertEquals(List.of(), codes("居住证"));
        assertEquals(List.of(), codes("jzz"));
        assertEquals(List.of("JB-003"), codes("居住登记"));
        assertEquals(List.of("JB-003"), codes("jzdj"));
        assertEquals("居住登记", catalog.store.item("JB-003").orElseThrow().name().zh());
    }

    @Test
    void aRemovedItemIsGoneFromSearchAndItsGroups() {
        apply(delta(1, 2, List.of(), List.of("JB-003")));
        assertEquals(List.of(), codes("居住证"));
        assertEquals(Optional.empty(), catalog.store.item("JB-003"));
        assertEquals(Optional.empty(), catalog.store.itemWithNames("JB-003"));
        assertEquals(0, catalog.store.lifeEvents().stream().filter(g -> g.code().equals("residence-id"))
                .findFirst().orElseThrow().itemCount());
        assertEquals(2, catalog.store.itemCount());
    }

    @Test
    void popularityMovedByADeltaRanksAsAFullImportWould() {
        assertEquals(List.of("JB-001", "JB-003"), codes("办理"));
        apply(delta(1, 2, List.of(item("JB-003", "居住证办理", "Residence permit").lifeEvents("residence-id")
                .popularity(95), item("JB-010", "残疾人证办理", "Disability certificate").popularity(80)), List.of()));
        assertEquals(List.of("JB-003", "JB-001", "JB-010"), codes("办理"));
    }

    @Test
    void itemsRankedIntoTheSameGapUntilItIsFullStillRankRight() {
        List<String> expected = new ArrayList<>(List.of("JB-001"));
        for (int i = 0; i < 30; i++) {
            String code = "JB-1%02d".formatted(i);
            apply(delta(1 + i, 2 + i, List.of(item(code, "事项办理" + i, "Item " + i).popularity(80)), List.of()));
            expected.add(code);
        }
        expected.add("JB-003");
        assertEquals(expected, codes("办理"));
        assertEquals(Optional.of(31L), catalog.store.version());
    }

    @Test
    void theIndexesAfterADeltaAreThoseOfAFullImportOfTheSameVersion() throws Exception {
        apply(delta(1, 2, List.of(item("JB-003", "居住登记", "Residence registration").keywords("老人", "暂住")
                        .lifeEvents("residence-id").popularity(95),
                item("JB-009", "助餐补贴申请", "Meal subsidy").keywords("养老").material("户口簿", "Household register")
                        .popularity(40)), List.of("JB-004")));
        try (TempCatalog full = new TempCatalog(dir.resolve("full"), catalog(2,
                item("JB-001", "老年人优待证办理", "Senior citizen privilege card").keywords("老年证").popularity(90),
                item("JB-003", "居住登记", "Residence registration").keywords("老人", "暂住")
                        .lifeEvents("residence-id").popularity(95),
                item("JB-009", "助餐补贴申请", "Meal subsidy").keywords("养老").material("户口簿", "Household register")
                        .popularity(40)))) {
            for (String sql : List.of(
                    "SELECT g.gram || '|' || g.score || '|' || i.code FROM catalog_gram g JOIN service_item i ON i.id = g.item_id",
                    "SELECT count(*) FROM catalog_gram",
                    "SELECT i.code || '|' || f.name || '|' || f.name_pinyin || '|' || f.name_syn FROM catalog_fts_name f JOIN service_item i ON i.id = f.rowid",
                    "SELECT i.code || '|' || f.keywords || '|' || f.keywords_syn FROM catalog_fts_keyword f JOIN service_item i ON i.id = f.rowid",
                    "SELECT i.code || '|' || f.materials || '|' || f.materials_syn FROM catalog_fts_material f JOIN service_item i ON i.id = f.rowid",
                    "SELECT count(*) FROM catalog_fts_name", "SELECT count(*) FROM catalog_fts_keyword",
                    "SELECT count(*) FROM catalog_fts_material",
                    "SELECT l.life_event_code || '|' || i.code FROM service_item_life_event l JOIN service_item i ON i.id = l.item_id",
                    "SELECT code FROM service_item ORDER BY id")) {
                assertEquals(rows(full, sql), rows(catalog, sql), sql);
            }
        }
    }

    private static List<String> rows(TempCatalog c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (java.sql.Connection conn = c.db.connection(); java.sql.Statement st = conn.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        if (!sql.contains("ORDER BY")) {
            java.util.Collections.sort(out);
        }
        return out;
    }

    @Test
    void aDeltaAgainstAnotherVersionChangesNothing() {
        assertThrows(CatalogVersionException.class,
                () -> apply(delta(7, 8, List.of(item("JB-009", "助餐补贴申请", "Meal subsidy")), List.of())));
        assertThrows(CatalogVersionException.class,
                () -> apply(delta(1, 1, List.of(item("JB-009", "助餐补贴申请", "Meal subsidy")), List.of())));
        assertThrows(CatalogVersionException.class, () -> apply(delta(1, 2, List.of(), List.of("JB-777"))));
        assertEquals(Optional.of(1L), catalog.store.version());
        assertEquals(List.of(), codes("助餐"));
        assertEquals(3, catalog.store.itemCount());
    }

    @Test
    void aDeltaWhoseItemsFailTheFileChecksChangesNothing() {
        CatalogFormatException e = assertThrows(CatalogFormatException.class, () -> apply(delta(1, 2,
                List.of(item("JB-009", "助餐补贴申请", "Meal subsidy").department("no-such-bureau"),
                        item("JB-003", "居住登记", "Residence registration").processingTime("five days")),
                List.of("JB-001"))));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("JB-009: competentAuthority 'no-such-bureau'"), e.getMessage());
        assertEquals(Optional.of(1L), catalog.store.version());
        assertEquals(List.of("JB-001"), codes("优待证"));
        assertEquals(List.of("JB-003"), codes("居住证"));
        assertThrows(CatalogFormatException.class, () -> apply(delta(1, 2,
                List.of(item("JB-009", "助餐", "Meal"), item("JB-009", "助餐", "Meal")), List.of())));
    }

    @Test
    void aFailureAfterTheDeltaRollsTheDeltaBack() {
        assertThrows(IllegalStateException.class, () -> catalog.store.applyDelta(
                delta(1, 2, List.of(), List.of("JB-003")), "test", c -> {
                    throw new IllegalStateException("the cursor could not be written");
                }));
        assertEquals(Optional.of(1L), catalog.store.version());
        assertEquals(List.of("JB-003"), codes("居住证"));
    }

    /** Not an assertion on time: prints what a 10,000-item delta costs on this machine. */
    @Test
    void aDeltaOfTenThousandItems() throws Exception {
        List<ItemBuilder> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(item("JB-X%05d".formatted(i), "社区服务事项第" + i + "号申请办理", "Community service " + i)
                    .keywords("便民服务", "证明" + i).material("居民身份证原件", "Resident ID card").popularity(i % 100));
        }
        long started = System.nanoTime();
        apply(delta(1, 2, many, List.of()));
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("CatalogDeltaTest: a delta of 10000 items (10003 after it) took " + ms + " ms");
        assertEquals(List.of("catalog_gram_by_item"), rows(catalog,
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'catalog_gram'"
                        + " AND name NOT LIKE 'sqlite_autoindex%'"), "the bulk insert built the lookup by item again");
        List<ItemBuilder> changed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            changed.add(item("JB-X%05d".formatted(i), "改名事项第" + i + "号", "Renamed " + i).popularity(100));
        }
        started = System.nanoTime();
        apply(delta(2, 3, changed, List.of("JB-X09999")));
        ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("CatalogDeltaTest: a delta of 101 changes to 10003 items took " + ms + " ms");
        assertEquals(10_002, catalog.store.itemCount());
        assertEquals("JB-X00042", codes("改名事项第42号").getFirst());
    }
}
