package org.jinban.kiosk.catalog;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups of words residents use for the same thing (退休 ↔ 养老). Applied when an item is
 * indexed, not when a query runs: an item whose name says 养老 gets 退休 in its name's synonym
 * field, so a query stays one word against one index and can stop after the first page.
 */
public final class Synonyms {
    private final List<List<String>> groups;
    private final List<String> indexedTexts;
    /** The first characters of the groups' words, and the words by their first character. */
    private final BitSet firstChars = new BitSet(Character.MAX_VALUE + 1);
    private final Map<Character, List<Word>> byFirstChar = new HashMap<>();

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
        for (int g = 0; g < this.groups.size(); g++) {
            for (String word : this.groups.get(g)) {
                firstChars.set(word.charAt(0));
                byFirstChar.computeIfAbsent(word.charAt(0), c -> new ArrayList<>()).add(new Word(word, g));
            }
        }
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
        boolean[] matched = null;
        // each position of the text against the words starting with its character: indexing runs
        // this for every field of every item, and testing each of the groups' words with
        // contains() was a tenth of the indexing workers' time on a 10,000-item delta
        for (int i = 0; i < foldedText.length(); i++) {
            char c = foldedText.charAt(i);
            if (!firstChars.get(c)) {
                continue;
            }
            for (Word word : byFirstChar.get(c)) {
                if (foldedText.startsWith(word.text(), i)) {
                    if (matched == null) {
                        matched = new boolean[groups.size()];
                    }
                    matched[word.group()] = true;
                }
            }
        }
        if (matched == null) {
            return Set.of();
        }
        Set<String> others = new LinkedHashSet<>();
        for (int g = 0; g < groups.size(); g++) {
            if (matched[g]) {
                for (String word : groups.get(g)) {
                    if (!foldedText.contains(word)) {
                        others.add(word);
                    }
                }
            }
        }
        return others;
    }

    /** A word of the group with index {@code group}. */
    private record Word(String text, int group) {
    }
}
