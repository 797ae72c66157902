package org.jinban.kiosk.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups of words residents use for the same thing (退休 ↔ 养老). Applied when an item is
 * indexed, not when a query runs: an item whose name says 养老 gets 退休 in its name's synonym
 * field, so a query stays one word against one index and can stop after the first page.
 */
public final class Synonyms {
    private final List<List<String>> groups;
    private final List<String> indexedTexts;

    public Synonyms(List<List<String>> groups) {
        List<List<String>> folded = new ArrayList<>();
        if (groups != null) {
            for (List<String> group : groups) {
                folded.add(group.stream().map(SearchText::fold).filter(w -> !w.isEmpty()).distinct().toList());
            }
        }
        this.groups = List.copyOf(folded);
        this.indexedTexts = this.groups.stream().flatMap(List::stream).flatMap(w -> indexed(w).stream())
                .distinct().toList();
    }

    /**
     * What the synonym columns can hold for {@code word}: the word itself and, for Chinese,
     * its full pinyin and initials. {@link SearchDocument} writes exactly these.
     */
    static List<String> indexed(String word) {
        if (!SearchText.hasHan(word)) {
            return List.of(word);
        }
        Pinyin.Spelling spelling = Pinyin.of(word);
        return List.of(word, spelling.full(), spelling.initials());
    }

    /** Every text the synonym columns can hold: each word of each group, with its spellings. */
    public List<String> indexedTexts() {
        return indexedTexts;
    }

    /**
     * The words that {@code foldedText} does not contain but that mean the same as a word it
     * does contain.
     */
    public Set<String> others(String foldedText) {
        Set<String> others = new LinkedHashSet<>();
        for (List<String> group : groups) { // loops, not streams: per field of every item indexed
            if (anyIn(group, foldedText)) {
                for (String word : group) {
                    if (!foldedText.contains(word)) {
                        others.add(word);
                    }
                }
            }
        }
        return others;
    }

    private static boolean anyIn(List<String> words, String foldedText) {
        for (String word : words) {
            if (foldedText.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
