package org.jinban.kiosk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** How text is folded and cut into grams, for the index and the query alike. */
class SearchTextTest {
    @Test
    void wordsAreRunsOfLettersAndDigitsAfterNfkcAndLowerCase() {
        assertEquals(List.of("abc1", "居住证", "id"), SearchText.words("ＡＢＣ１ 居住证/ID"));
        assertEquals(List.of("老年", "人"), SearchText.words("老年😀人"), "an emoji breaks a word");
        assertEquals(List.of("𠀀证"), SearchText.words("--𠀀证--"), "a character outside the BMP stays whole");
        assertEquals(List.of(), SearchText.words(" \u0000*%_ "));
        assertEquals("senior citizen 60", SearchText.fold("Senior  Citizen, 60!"));
    }

    @Test
    void gramsCountCodePointsNotChars() {
        assertEquals(Set.of("𠀀", "𠀀证", "证", "证明", "明"), grams(sink -> SearchText.allGrams("𠀀证明", sink)));
        assertEquals(Set.of("𠀀", "𠀀证"), grams(sink -> SearchText.prefixGrams("𠀀证明", sink)));
        assertEquals(Set.of("x"), grams(sink -> SearchText.prefixGrams("x", sink)));
        assertEquals(Set.of(), grams(sink -> SearchText.prefixGrams("", sink)));
        assertEquals(Set.of("a", "ab", "b"), grams(sink -> SearchText.allGrams("ab", sink)));
        assertEquals(3, SearchText.length("𠀀证明"));
    }

    @Test
    void aGramKeyStandsForExactlyOneGram() {
        Set<Long> keys = new HashSet<>();
        for (String gram : List.of("a", "ab", "ba", "证", "证明", "𠀀", "𠀀证", "证𠀀", "\u0001", "\u0001\u0000",
                "\uffff", "\uffff\uffff", "\udbff\udfff\udbff\udfff")) {
            int first = gram.codePointAt(0);
            int next = Character.charCount(first);
            long key = next == gram.length() ? SearchText.gram(first) : SearchText.gram(first, gram.codePointAt(next));
            assertEquals(gram, SearchText.gramText(key));
            assertTrue(keys.add(key), gram);
        }
    }

    /** The grams a cut gives, as text. */
    private static Set<String> grams(java.util.function.Consumer<SearchText.GramSink> cut) {
        Set<String> grams = new LinkedHashSet<>();
        cut.accept(gram -> grams.add(SearchText.gramText(gram)));
        return grams;
    }

    @Test
    void hanIsFoundAnywhereInAWord() {
        assertTrue(SearchText.hasHan("id证"));
        assertTrue(SearchText.hasHan("a𠀀"));
        assertFalse(SearchText.hasHan("ｉｄ card 60"));
    }
}
