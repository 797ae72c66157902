package org.jinban.kiosk.catalog;

import static org.jinban.kiosk.testing.CatalogFixtures.catalog;
import static org.jinban.kiosk.testing.CatalogFixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.store.Database;
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
        return CatalogDelta.of(version, previous, null, upserts.stream().map(ItemBuilder::build).toList(), removes);
    }

    /**
     * {@code delta} as the sync stream gives it: its body read by {@link CatalogDeltaReader}, so
     * each item is kept as JSON and can be bound once.
     */
    private static CatalogDelta asReceived(CatalogDelta delta) throws IOException {
        ObjectMapper json = Kiosk.objectMapper();
        Map<String, Object> body = Map.of("version", delta.version(), "previousVersion", delta.previousVersion(),
                "upserts", delta.upserts().stream().map(CatalogDelta.Upsert::item).toList(),
                "removes", delta.removes());
        return new CatalogDeltaReader(json).read(new ByteArrayInputStream(json.writeValueAsBytes(body)));
    }

    private void apply(CatalogDelta delta) {
        catalog.store.applyDelta(delta, "test", Database.Durability.FULL, c -> null);
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
    void itemsRankedIntoTheSameGapUntilItIsFullStillRankRight() throws IOException {
        // received as from the sync stream: when the gap is full, the whole next version is
        // imported from the same items (bound once each: see CatalogDelta.Upsert.item)
        List<String> expected = new ArrayList<>(List.of("JB-001"));
        for (int i = 0; i < 30; i++) {
            String code = "JB-1%02d".formatted(i);
            apply(asReceived(delta(1 + i, 2 + i, List.of(item(code, "事项办理" + i, "Item " + i).popularity(80)),
                    List.of())));
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
                // same popularity: keeps its id, so its old FTS rows must go before the new ones come
                item("JB-001", "老年人优待证换领", "Senior card renewal").keywords("敬老卡").popularity(90),
                item("JB-009", "助餐补贴申请", "Meal subsidy").keywords("养老").material("户口簿", "Household register")
                        .popularity(40)), List.of("JB-004")));
        try (TempCatalog full = new TempCatalog(dir.resolve("full"), catalog(2,
                item("JB-001", "老年人优待证换领", "Senior card renewal").keywords("敬老卡").popularity(90),
                item("JB-003", "居住登记", "Residence registration").keywords("老人", "暂住")
                        .lifeEvents("residence-id").popularity(95),
                item("JB-009", "助餐补贴申请", "Meal subsidy").keywords("养老").material("户口簿", "Household register")
                        .popularity(40)))) {
            for (String sql : List.of(
                    "SELECT g.gram || '|' || g.score || '|' || i.code FROM catalog_gram_items g, json_each(g.items) j"
                            + " JOIN service_item i ON i.id = j.value",
                    "SELECT count(DISTINCT gram || '|' || score) FROM catalog_gram_items",
                    // the FTS tables keep no texts (V9): every term each item's row is indexed
                    // under, by column and offset, as the index itself lists them
                    ftsTerms("catalog_fts_name"), ftsTerms("catalog_fts_keyword"), ftsTerms("catalog_fts_material"),
                    "SELECT count(*) FROM catalog_fts_name", "SELECT count(*) FROM catalog_fts_keyword",
                    "SELECT count(*) FROM catalog_fts_material",
                    "SELECT l.life_event_code || '|' || i.code FROM service_item_life_event l JOIN service_item i ON i.id = l.item_id",
                    "SELECT code FROM service_item ORDER BY id",
                    "SELECT code || '|' || doc FROM service_item ORDER BY code")) {
                assertEquals(rows(full, sql), rows(catalog, sql), sql);
            }
            // written as UTF-8 bytes (ItemIndex.toJson), kept as text: what json_extract and a
            // reader of the column expect
            assertEquals(List.of("text"), rows(catalog, "SELECT DISTINCT typeof(doc) FROM service_item"));
        }
    }

    /** The gram lists whose ids, read block by block, are not strictly ascending. */
    private List<String> unorderedGramLists() throws Exception {
        List<String> out = new ArrayList<>();
        try (java.sql.Connection conn = catalog.db.connection(); java.sql.Statement st = conn.createStatement();
             java.sql.ResultSet rs = st.executeQuery(
                     "SELECT gram, score, items FROM catalog_gram_items ORDER BY gram, score DESC, block")) {
            String list = null;
            long last = Long.MIN_VALUE;
            while (rs.next()) {
                String key = rs.getString(1) + "|" + rs.getInt(2);
                if (!key.equals(list)) {
                    list = key;
                    last = Long.MIN_VALUE;
                }
                for (long id : GramList.decode(rs.getString(3))) {
                    if (id <= last && !out.contains(key)) {
                        out.add(key);
                    }
                    last = id;
                }
            }
        }
        return out;
    }

    private static final String[][] NAMES = {
            {"老年人优待证办理", "Senior citizen privilege card"}, {"居住证办理", "Residence permit"},
            {"高龄津贴申请", "Old-age allowance"}, {"社会保障卡补办", "Social security card reissue"},
            {"退休金领取资格认证", "Pension eligibility check"}, {"残疾人证办理", "Disability certificate"},
            {"助餐补贴申请", "Meal subsidy"}, {"户口迁移登记", "Household registration transfer"}};
    private static final String[] QUALIFIERS = {"个人", "家庭", "临时", "年度", "跨区", "集体"};

    /** An item of a generated catalog: names, keywords, materials and groups vary with {@code n}. */
    private static ItemBuilder generated(String code, int n, int popularity) {
        String[] name = NAMES[n % NAMES.length];
        String qualifier = QUALIFIERS[(n / NAMES.length) % QUALIFIERS.length];
        ItemBuilder b = item(code, qualifier + name[0] + n, qualifier + " " + name[1] + " " + n)
                .keywords(n % 3 == 0 ? "老人" : "便民服务", "证明" + n % 7)
                .material(n % 2 == 0 ? "居民身份证" : "户口簿", n % 2 == 0 ? "Resident ID card" : "Household register")
                .popularity(popularity);
        if (n % 4 == 0) {
            b.department("social-security").lifeEvents("residence-id");
        }
        if (n % 5 == 0) {
            b.alias("养老" + name[0], "Retirement " + name[1]);
        }
        return b;
    }

    /**
     * A delta large enough to be indexed on worker threads (more than a chunk of new items),
     * with changed, re-ranked and removed items, into gram lists of several blocks, answers every query, filter and page exactly
     * as a full import of the same version does: the same items, scores, order and totals.
     */
    @Test
    void searchAfterALargeDeltaAnswersAsAfterAFullImport() throws Exception {
        List<ItemBuilder> held = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            held.add(generated("JB-H%03d".formatted(i), i, i % 50));
        }
        List<ItemBuilder> upserts = new ArrayList<>();
        List<ItemBuilder> expected = new ArrayList<>(held);
        for (int i = 0; i < 40; i++) {
            int at = i * 5;
            ItemBuilder changed = i % 2 == 0 ? generated("JB-H%03d".formatted(at), at + 1000, 99 - i)
                    : generated("JB-H%03d".formatted(at), at, at % 50);
            upserts.add(changed);
            expected.set(at, changed);
        }
        List<String> removes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            removes.add("JB-H%03d".formatted(i * 10 + 3));
        }
        expected.removeIf(b -> removes.contains(b.build().code()));
        for (int i = 0; i < 300; i++) {
            ItemBuilder added = generated("JB-N%03d".formatted(i), i + 7, (i * 37) % 100);
            upserts.add(added);
            expected.add(added);
        }
        try (TempCatalog before = new TempCatalog(dir.resolve("delta"), catalog(1, held.toArray(ItemBuilder[]::new)));
             TempCatalog full = new TempCatalog(dir.resolve("whole"), catalog(2, expected.toArray(ItemBuilder[]::new)))) {
            before.store.applyDelta(delta(1, 2, upserts, removes), "test", Database.Durability.FULL, c -> null);
            assertEquals(full.store.itemCount(), before.store.itemCount());
            List<String> queries = List.of("证", "办理", "居住证", "jzz", "juzhuzheng", "长者", "老人", "养老", "退休",
                    "card", "residence", "社会保障卡补办", "临时 证明", "id", "zhucan", "申请", "身份证", "hkb", "年度 老人",
                    "Pension", "证明3", "跨区户口迁移登记", "集体 meal", "tx");
            int compared = 0;
            for (String q : queries) {
                for (Optional<String> department : List.of(Optional.<String>empty(), Optional.of("social-security"))) {
                    for (Optional<String> event : List.of(Optional.<String>empty(), Optional.of("old-age"))) {
                        for (int offset : new int[] {0, 20}) {
                            String what = q + " " + department + " " + event + " from " + offset;
                            List<String> whole = page(full, q, department, event, offset);
                            assertEquals(whole, page(before, q, department, event, offset), what);
                            compared += whole.size() > 1 ? 1 : 0;
                        }
                    }
                }
            }
            assertTrue(compared > queries.size(), "most queries find something, so the comparison means something");
        }
    }

    private static List<String> page(TempCatalog c, String q, Optional<String> department, Optional<String> event,
                                     int offset) {
        SearchPage page = c.search.search(q, department, event, 20, offset);
        List<String> out = new ArrayList<>();
        out.add("total " + page.total() + (page.totalExact() ? "" : "+"));
        page.items().forEach(i -> out.add(i.code() + " " + i.matchScore()));
        return out;
    }

    /**
     * A query of every term {@code table} indexes, with the item, column and offset, through an
     * fts5vocab table over it; {@link #rows} creates that table (temp, on its connection).
     */
    private static String ftsTerms(String table) {
        // a LEFT JOIN: a row the delta deleted but the index still listed would show as "gone"
        return "SELECT coalesce(i.code, 'gone') || '|' || v.col || '|' || v.offset || '|' || v.term FROM temp.vocab_"
                + table + " v LEFT JOIN service_item i ON i.id = v.doc";
    }

    private static List<String> rows(TempCatalog c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (java.sql.Connection conn = c.db.connection(); java.sql.Statement st = conn.createStatement()) {
            for (String table : ItemIndex.FTS_TABLES) {
                st.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_" + table + " USING fts5vocab(main, "
                        + table + ", instance)");
            }
            try (java.sql.ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
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
    void aDeltaReadsBackOnlyTheHeldItemsItTouches() throws Exception {
        // an item the delta leaves alone is not read: were it, this stored text would not parse
        try (java.sql.Connection c = catalog.db.connection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE service_item SET doc = 'not read' WHERE code = 'JB-004'");
        }
        apply(delta(1, 2, List.of(item("JB-003", "居住证签注", "Residence permit renewal").popularity(70)),
                List.of("JB-001")));
        assertEquals(List.of("JB-003"), codes("签注"));
        assertEquals(List.of(), codes("优待证"));
        assertEquals(2, catalog.store.itemCount());
    }

    @Test
    void aDeltaThatWouldLeaveNoItemIsRefused() {
        CatalogFormatException e = assertThrows(CatalogFormatException.class,
                () -> apply(delta(1, 2, List.of(), List.of("JB-001", "JB-003", "JB-004"))));
        assertTrue(e.getMessage().contains("items must not be empty"), e.getMessage());
        assertThrows(CatalogVersionException.class, () -> apply(delta(1, 2, List.of(), List.of("JB-001", "JB-001"))));
        assertEquals(3, catalog.store.itemCount());
    }

    @Test
    void aFailureAfterTheDeltaRollsTheDeltaBack() {
        assertThrows(IllegalStateException.class, () -> catalog.store.applyDelta(
                delta(1, 2, List.of(), List.of("JB-003")), "test", Database.Durability.RELAXED, c -> {
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
        assertEquals(List.of(), unorderedGramLists(), "every gram list is in ascending id order, without repeats");
        assertEquals(0, gramListOverflowPages(), "every block of a gram list stays on its b-tree page");
        assertEquals(List.of("JB-X05000"), codes("社区服务事项第5000号"));
        assertEquals(10, catalog.search.search("号", Optional.empty(), Optional.empty(), 10, 0).items().size());
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
        assertEquals(0, gramListOverflowPages(), "blocks a delta grew were split again");
    }

    /** Pages of the gram lists' table that hold the spill of a row too long for its page. */
    private int gramListOverflowPages() throws Exception {
        try (java.sql.Connection conn = catalog.db.connection(); java.sql.Statement st = conn.createStatement();
             java.sql.ResultSet rs = st.executeQuery(
                     "SELECT count(*) FROM dbstat WHERE name = 'catalog_gram_items' AND pagetype = 'overflow'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
