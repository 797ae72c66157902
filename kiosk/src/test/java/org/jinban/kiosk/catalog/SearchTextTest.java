package org.jinban.kiosk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Set<String> all = new LinkedHashSet<>();
        SearchText.allGrams("𠀀证明", all);
        assertEquals(Set.of("𠀀", "𠀀证", "证", "证明", "明"), all);
        Set<String> prefixes = new LinkedHashSet<>();
        SearchText.prefixGrams("𠀀证明", prefixes);
        assertEquals(Set.of("𠀀", "𠀀证"), prefixes);
        Set<String> one = new LinkedHashSet<>();
        SearchText.prefixGrams("x", one);
        assertEquals(Set.of("x"), one);
        assertEquals(3, SearchText.length("𠀀证明"));
    }

    @Test
    void hanIsFoundAnywhereInAWord() {
        assertTrue(SearchText.hasHan("id证"));
        assertTrue(SearchText.hasHan("a𠀀"));
        assertFalse(SearchText.hasHan("ｉｄ card 60"));
    }
}
