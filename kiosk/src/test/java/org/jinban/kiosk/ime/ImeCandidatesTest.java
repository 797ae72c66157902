package org.jinban.kiosk.ime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Candidates for typed pinyin, over the real lexicon: what comes first, and what each stands for. */
class ImeCandidatesTest {
    static CandidateSearch search;

    @BeforeAll
    static void load() {
        search = new CandidateSearch(ImeTestLexicon.get());
    }

    private static List<String> texts(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::text).toList();
    }

    private static Candidate find(List<Candidate> candidates, String text) {
        return candidates.stream().filter(c -> c.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError(text + " is not among " + texts(candidates)));
    }

    @ParameterizedTest
    @CsvSource({"shenqing,申请,shen qing", "tousu,投诉,tou su", "zaoyin,噪音,zao yin", "loudao,楼道,lou dao",
            "xiaoqu,小区,xiao qu", "wuye,物业,wu ye", "tingche,停车,ting che", "yinhang,银行,yin hang",
            "zhangda,长大,zhang da", "weijian,违建,wei jian"})
    void theWordsOfAnAppealComeFirst(String letters, String word, String pinyin) {
        List<Candidate> candidates = search.candidates(letters, 20);
        List<String> top = texts(candidates).subList(0, 3);
        assertTrue(top.contains(word), letters + " → " + top);
        Candidate c = find(candidates, word);
        assertEquals(pinyin, c.pinyin(), "polyphones read as in the word");
        assertEquals(letters.length(), c.consumed());
    }

    @Test
    void anAmbiguousInputOffersEveryReading() {
        List<Candidate> xian = search.candidates("xian", 30);
        assertEquals(4, find(xian, "先").consumed());
        assertEquals(4, find(xian, "西安").consumed());
        assertEquals("xi an", find(xian, "西安").pinyin());
        assertEquals("先", xian.getFirst().text(), "the most used reading first: " + texts(xian));
        assertFalse(texts(xian).subList(0, 12).contains("想"), "xian is not read as the beginning of xiang first");

        List<Candidate> fangan = search.candidates("fangan", 20);
        assertEquals(List.of("方案", "反感"), texts(fangan).subList(0, 2), "fang-an and fan-gan: " + texts(fangan));
    }

    @Test
    void wordsForAllTheLettersComeFirstThenTheLongestPrefixThenSingleCharacters() {
        List<Candidate> shenqing = search.candidates("shenqing", 50);
        int firstPartial = indexWhere(shenqing, c -> c.consumed() < 8);
        assertTrue(firstPartial > 0, texts(shenqing).toString());
        assertTrue(shenqing.subList(firstPartial, shenqing.size()).stream().allMatch(c -> c.consumed() < 8),
                "every whole-input match before any partial one: " + shenqing);
        Candidate shen = find(shenqing, "申");
        assertEquals(4, shen.consumed(), "a single character for the first syllable");
        assertEquals("shen", shen.pinyin());
        assertFalse(texts(shenqing).contains("神奇"), "shenqi would leave 'ng', which reads as nothing");
        assertTrue(shenqing.stream().filter(c -> c.text().length() == 1).allMatch(c -> c.consumed() == 4),
                "single characters only for shen: " + shenqing);
    }

    @Test
    void aPhraseOfSeveralWordsIsOfferedWholeAndWordByWord() {
        List<Candidate> all = search.candidates("woyaotousu", 20);
        assertEquals(new Candidate("我要投诉", "wo yao tou su", 10), all.getFirst());
        Candidate woyao = find(all, "我要");
        assertEquals(5, woyao.consumed());
        Candidate wo = find(all, "我");
        assertEquals(2, wo.consumed());
        assertTrue(all.indexOf(woyao) < all.indexOf(wo), "the longest prefix before single characters: " + all);

        // what is left after picking 我要
        assertEquals("投诉", search.candidates("tousu", 20).getFirst().text());
        List<Candidate> longer = search.candidates("loudaoduifangzawu", 20);
        assertEquals("楼道堆放杂物", longer.getFirst().text(), "the quick phrase of docs/api.md, typed");
        assertEquals(6, find(longer, "楼道").consumed());
    }

    @Test
    void initialsAndAnUnfinishedLastSyllableFindWords() {
        Candidate sq = find(search.candidates("sq", 10), "申请");
        assertEquals(2, sq.consumed());
        assertEquals("shen qing", sq.pinyin());

        List<Candidate> zhsh = search.candidates("zhsh", 20);
        assertTrue(texts(zhsh).contains("知识") || texts(zhsh).contains("正式"), texts(zhsh).toString());
        for (Candidate c : zhsh.subList(0, 10)) {
            String[] read = c.pinyin().split(" ");
            assertEquals(2, read.length, c.toString());
            assertTrue(read[0].startsWith("zh") && read[1].startsWith("sh"), c.toString());
            assertEquals(4, c.consumed());
        }

        assertTrue(texts(search.candidates("shenq", 20)).subList(0, 3).contains("申请"));
        assertEquals("中", search.candidates("zhon", 20).getFirst().text());
        assertEquals("略", search.candidates("lue", 20).getFirst().text());
        assertEquals("女人", search.candidates("nvren", 20).getFirst().text());
    }

    @Test
    void singleLettersOfferCharacters() {
        List<Candidate> s = search.candidates("s", 20);
        assertEquals(20, s.size());
        assertTrue(s.stream().allMatch(c -> c.text().length() == 1 && c.consumed() == 1), s.toString());
        assertTrue(texts(s).contains("是"));
    }

    @Test
    void theLimitBoundsTheAnswer() {
        assertEquals(1, search.candidates("shi", 1).size());
        assertEquals(5, search.candidates("shi", 5).size());
        assertEquals(50, search.candidates("shi", 50).size());
        assertEquals("申请", search.candidates("shenqing", 1).getFirst().text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"woyaotousu", "xian", "sqtousu", "zhongguoiii", "wyts", "a", "zzzzzzzzzzzzzzzz",
            "shishishishishishishishishishishishishishishishishishishishishis",
            "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnmqwertyuiopas"})
    void everyCandidateStandsForAPrefixOfTheLetters(String letters) {
        List<Candidate> candidates = search.candidates(letters, 50);
        assertTrue(candidates.size() <= 50);
        assertEquals(candidates.size(), new HashSet<>(texts(candidates)).size(), "no text twice: " + candidates);
        for (Candidate c : candidates) {
            assertTrue(c.consumed() >= 1 && c.consumed() <= letters.length(), c.toString());
            assertEquals(c.text().length(), c.pinyin().split(" ").length, c.toString());
        }
    }

    @Test
    void lettersThatReadAsNoSyllableHaveNoCandidates() {
        assertEquals(List.of(), search.candidates("iii", 20));
        assertEquals(List.of(), search.candidates("v", 20));
        List<Candidate> tail = search.candidates("zhongguoiii", 20);
        assertEquals(new Candidate("中国", "zhong guo", 8), tail.getFirst(), "words for what does read");
    }

    private static int indexWhere(List<Candidate> list, Predicate<Candidate> p) {
        return (int) list.stream().takeWhile(p.negate()).count();
    }
}
