package org.jinban.kiosk.catalog;

import static org.jinban.kiosk.testing.CatalogFixtures.catalog;
import static org.jinban.kiosk.testing.CatalogFixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jinban.kiosk.testing.TempCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogSearchTest {
    @TempDir
    static Path dir;
    static TempCatalog catalog;

    @BeforeAll
    static void load() {
        catalog = new TempCatalog(dir, catalog(1,
                item("JB-001", "老年人优待证办理", "Senior citizen privilege card")
                        .alias("老年优待证", "Senior card").keywords("老年证", "乘车优惠").englishKeywords("elderly", "bus")
                        .material("居民身份证原件", "Resident ID card (original)").popularity(90),
                item("JB-002", "城乡居民养老保险参保登记", "Resident pension insurance enrolment")
                        .keywords("养老金", "保险").englishKeywords("pension")
                        .material("户口簿", "Household register").department("social-security").popularity(50),
                item("JB-003", "居住证办理", "Residence permit")
                        .keywords("暂住证", "外来人口").englishKeywords("permit").material("租房合同", "Rental contract")
                        .lifeEvents("residence-id").popularity(70),
                item("JB-004", "高龄津贴申请", "Old-age allowance")
                        .keywords("老人补贴", "八十岁").englishKeywords("allowance")
                        .material("户口簿", "Household register").popularity(40),
                item("JB-005", "残疾人证办理", "Disability certificate")
                        .keywords("残疾", "残联").englishKeywords("disability")
                        .material("老年人优待证复印件", "Copy of senior card").popularity(30),
                item("JB-006", "银行卡挂失指引", "Bank card loss guidance")
                        .keywords("挂失").englishKeywords("bank").popularity(1),
                item("JB-007", "退休人员社会化管理服务", "Retiree community services")
                        .keywords("退休").englishKeywords("retiree").department("social-security").popularity(20),
                item("JB-008", "长者食堂就餐登记", "Community canteen for seniors").popularity(5)));
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    private static List<String> codes(String q) {
        return catalog.search.search(q, Optional.empty(), Optional.empty(), 50, 0).items().stream()
                .map(ItemSummary::code).toList();
    }

    @Test
    void oneChineseCharacterFindsEveryItemContainingIt() {
        List<String> found = codes("证");
        assertTrue(found.containsAll(List.of("JB-001", "JB-003", "JB-005")), found.toString());
        // name matches first: JB-001/3/5 have 证 in their names, JB-... with it only elsewhere come after
        assertEquals(List.of("JB-001", "JB-003", "JB-005"), found.subList(0, 3));
    }

    @Test
    void twoChineseCharactersMatchAnySubstringNotJustAPrefix() {
        assertEquals(List.of("JB-001", "JB-005"), codes("优待"), "name before material");
        assertTrue(codes("津贴").contains("JB-004"));
        assertTrue(codes("参保").contains("JB-002"), "a two-character substring in the middle of a name");
    }

    @Test
    void threeOrMoreCharactersUseTheTrigramIndex() {
        assertEquals("JB-001", codes("老年人").getFirst());
        assertEquals(List.of("JB-002"), codes("养老保险参保"));
    }

    @Test
    void fullPinyinAndInitialsFindChineseNames() {
        assertEquals("JB-001", codes("laonianren").getFirst());
        assertEquals("JB-001", codes("lnr").getFirst());
        assertEquals("JB-001", codes("lnyd").getFirst(), "initials of the alternative name 老年优待证");
        assertEquals("JB-003", codes("juzhuzheng").getFirst());
        assertEquals("JB-003", codes("jzz").getFirst());
        assertEquals(List.of("JB-006"), codes("yinhang"), "银行 is read yinhang, not yinxing");
    }

    @Test
    void longWordsAreLookedUpByTheirStartAndCheckedWhole() {
        assertEquals(List.of("JB-001"), codes("laonianrenyoudaizheng"), "21 letters: the whole spelling");
        assertEquals(List.of(), codes("laonianrenyoudaizhengx"), "its start alone is not a match");
        assertEquals(List.of("JB-002"), codes("chengxiangjumin"));
        assertEquals(List.of(), codes("chengxiangjuminz"));
        assertEquals(List.of("JB-003"), codes("Residencepermit".substring(0, 9)), "residence, 9 letters");
    }

    @Test
    void pinyinMatchesAreCaseAndWidthInsensitive() {
        assertEquals("JB-001", codes("LNR").getFirst());
        assertEquals("JB-001", codes("ｌｎｒ").getFirst(), "full-width letters from a Chinese IME");
    }

    @Test
    void englishWordsMatchNamesAndKeywords() {
        assertEquals(List.of("JB-003"), codes("residence"));
        assertEquals("JB-001", codes("Senior").getFirst());
        assertTrue(codes("pension").contains("JB-002"));
        assertEquals("JB-001", codes("elderly").getFirst());
    }

    @Test
    void synonymsFindItemsThatUseTheOtherWordButRankBelowDirectMatches() {
        List<String> retire = codes("退休");
        assertEquals("JB-007", retire.getFirst(), "the item named with the word itself comes first");
        assertTrue(retire.contains("JB-002"), "养老 is a synonym of 退休: " + retire);
        List<String> elderly = codes("长者");
        assertTrue(elderly.contains("JB-001"), "长者 ↔ 老年人: " + elderly);
    }

    @Test
    void synonymsWorkForLongWordsAndPinyinToo() {
        List<String> elderly = codes("老年人");
        assertEquals(List.of("JB-001", "JB-008"), elderly.subList(0, 2),
                "老年人 in the name first, then 长者 (its synonym) in the name");
        assertEquals("name", catalog.search.search("老年人", Optional.empty(), Optional.empty(), 20, 0)
                .items().get(1).matchedIn());
        assertTrue(codes("tuixiu").contains("JB-002"), "tuixiu (退休) finds 养老 by its synonym's pinyin");
        assertTrue(codes("zhangzhe").contains("JB-001"), "zhangzhe (长者) finds 老年人");
    }

    @Test
    void nameMatchesRankBeforeKeywordMatchesBeforeMaterialMatches() {
        // 老年人优待证 is JB-001's name, JB-004's keyword (老人补贴 via 老人 ↔ 老年人) and JB-005's material
        List<String> found = codes("优待证");
        assertEquals(List.of("JB-001", "JB-005"), found);
        SearchPage page = catalog.search.search("优待证", Optional.empty(), Optional.empty(), 50, 0);
        assertEquals("name", page.items().get(0).matchedIn());
        assertEquals("material", page.items().get(1).matchedIn());
        List<String> household = codes("户口簿");
        assertEquals(List.of("JB-002", "JB-004"), household, "material-only matches, by popularity");
        List<String> allowance = codes("补贴");
        assertEquals("JB-004", allowance.getFirst());
    }

    @Test
    void everyWordOfAQueryMustMatch() {
        assertEquals(List.of("JB-001", "JB-005"), codes("老年 优待"));
        assertEquals(List.of("JB-001"), codes("老年 乘车"));
        assertEquals(List.of(), codes("老年 residence"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"老年", "*", "老年*", "NEAR(老年 优待)", "老年 OR 居住", "a AND b", "NOT x",
            "{name}: x", "name:老年", "^老", "'; DROP TABLE service_item; --", "😀", "老年😀人", "\u0000", "%", "_",
            "\\", "(((", "--", "\u202e反向"})
    void hostileQueriesNeverReachSqlSyntax(String q) {
        SearchPage page = catalog.search.search(q, Optional.empty(), Optional.empty(), 20, 0);
        assertTrue(page.total() >= 0);
        assertEquals(8, catalog.store.itemCount(), "the catalog is untouched");
    }

    @Test
    void onlyPunctuationFindsNothingAndAnEmptyQueryListsEverything() {
        assertEquals(0, catalog.search.search("***", Optional.empty(), Optional.empty(), 20, 0).total());
        SearchPage all = catalog.search.search("", Optional.empty(), Optional.empty(), 20, 0);
        assertEquals(8, all.total());
        assertEquals("JB-001", all.items().getFirst().code(), "most popular first");
    }

    @Test
    void filtersByDepartmentAndLifeEvent() {
        SearchPage social = catalog.search.search("", Optional.of("social-security"), Optional.empty(), 20, 0);
        assertEquals(List.of("JB-002", "JB-007"), social.items().stream().map(ItemSummary::code).toList());
        SearchPage residence = catalog.search.search("证", Optional.empty(), Optional.of("residence-id"), 20, 0);
        assertEquals(List.of("JB-003"), residence.items().stream().map(ItemSummary::code).toList());
    }

    @Test
    void pagesThroughResultsWithATotal() {
        SearchPage first = catalog.search.search("", Optional.empty(), Optional.empty(), 3, 0);
        SearchPage third = catalog.search.search("", Optional.empty(), Optional.empty(), 3, 6);
        assertEquals(2, third.items().size());
        SearchPage beyond = catalog.search.search("", Optional.empty(), Optional.empty(), 3, 30);
        assertEquals(3, first.items().size());
        assertEquals(8, first.total());
        assertEquals(8, third.total());
        assertEquals(8, beyond.total(), "the total is known even past the last page");
        assertEquals(0, beyond.items().size());
    }

    @Test
    void tooManyWordsOrCharactersAreRefusedWithTheReason() {
        InvalidQueryException words = org.junit.jupiter.api.Assertions.assertThrows(InvalidQueryException.class,
                () -> catalog.search.search("a b c d e f g h i", Optional.empty(), Optional.empty(), 20, 0));
        assertEquals("must have at most 8 words", words.getMessage());
        InvalidQueryException length = org.junit.jupiter.api.Assertions.assertThrows(InvalidQueryException.class,
                () -> catalog.search.search("老".repeat(101), Optional.empty(), Optional.empty(), 20, 0));
        assertEquals("must be at most 100 characters, was 101", length.getMessage());
        assertEquals(Optional.empty(), CatalogSearch.problem("老".repeat(100)));
    }
}
