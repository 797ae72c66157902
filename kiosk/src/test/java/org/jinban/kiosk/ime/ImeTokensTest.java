package org.jinban.kiosk.ime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How typed letters segment into syllables, initials and an unfinished last syllable. */
class ImeTokensTest {
    static Syllables syllables;

    @BeforeAll
    static void load() {
        syllables = ImeTestLexicon.get().syllables();
    }

    /** The tokens at {@code pos}, written {@code kind:letters→first..last syllable}. */
    private static List<String> at(String letters, int pos) {
        return Tokens.of(letters, syllables).at(pos).stream()
                .map(t -> t.kind() + ":" + letters.substring(t.from(), t.to()) + "→"
                        + syllables.spelling(t.firstId()) + ".." + syllables.spelling(t.endId() - 1))
                .sorted().toList();
    }

    private static List<String> sorted(String... tokens) {
        return Arrays.stream(tokens).sorted().toList();
    }

    @Test
    void knowsTheSyllablesOfMandarinInAlphabeticalOrder() {
        assertTrue(syllables.size() >= 400 && syllables.size() <= 420, "toneless syllables: " + syllables.size());
        assertEquals("zhuang", syllables.spelling(syllables.id("zhuang")));
        assertEquals(6, syllables.longest());
        assertEquals(syllables.id("lve"), syllables.id("lue"), "lüe typed either way");
        assertEquals(-1, syllables.id("ian"));
        assertEquals("sha", syllables.spelling(syllables.firstWithPrefix("sh")));
        assertEquals("shuo", syllables.spelling(syllables.endOfPrefix("sh") - 1));
    }

    @Test
    void anAmbiguousInputKeepsEveryReading() {
        // xian: xian | xi-an | xia-n…; the last letters may also begin a longer syllable (xiang)
        assertEquals(sorted("INITIAL:x→xi..xun", "PARTIAL:xian→xian..xiang", "SYLLABLE:xi→xi..xi",
                "SYLLABLE:xia→xia..xia"), at("xian", 0));
        assertEquals(sorted("PARTIAL:an→an..ang", "SYLLABLE:a→a..a"), at("xian", 2));
        // fangan: fang-an and fan-gan
        assertEquals(sorted("INITIAL:f→fa..fu", "SYLLABLE:fa→fa..fa", "SYLLABLE:fan→fan..fan",
                "SYLLABLE:fang→fang..fang"), at("fangan", 0));
        assertEquals(sorted("INITIAL:g→ga..guo", "SYLLABLE:ga→ga..ga", "PARTIAL:gan→gan..gang"), at("fangan", 3));
        assertEquals(sorted("PARTIAL:an→an..ang", "SYLLABLE:a→a..a"), at("fangan", 4));
    }

    @Test
    void initialsStandForEverySyllableTheyBegin() {
        assertEquals(sorted("INITIAL:z→za..zuo", "INITIAL:zh→zha..zhuo"), at("zhsh", 0));
        assertEquals(sorted("INITIAL:s→sa..suo", "PARTIAL:sh→sha..shuo"), at("zhsh", 2));
        assertEquals(List.of("INITIAL:s→sa..suo"), at("sq", 0));
        assertEquals(List.of("PARTIAL:q→qi..qun"), at("sq", 1));
    }

    @Test
    void lettersThatBeginNoSyllableHaveNoToken() {
        assertEquals(List.of(), at("iu", 0));
        assertEquals(List.of(), at("vvv", 0));
        assertEquals(List.of("SYLLABLE:lue→lve..lve"), at("lue", 0).stream().filter(s -> s.contains("lue")).toList());
    }
}
