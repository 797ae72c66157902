package org.jinban.kiosk.ime;

import java.util.Arrays;
import java.util.Map;

/**
 * The toneless pinyin syllables the lexicon knows ({@code zhuang}, {@code lve} for lüè), sorted:
 * a syllable's id is its place in that order, so the syllables that begin with the same letters
 * ({@code sh} → sha … shuo) have consecutive ids, and an abbreviation is one id range.
 */
final class Syllables {
    /** Letters that begin a syllable as its initial (声母); {@code zh ch sh} are two of them. */
    static final String INITIALS = "bpmfdtnlgkhjqxrzcsyw";
    /** Spellings people type for ü after l and n, besides the {@code v} every input method takes. */
    private static final Map<String, String> ALIASES = Map.of("lue", "lve", "nue", "nve");

    private final String[] spellings;
    private final int longest;

    Syllables(String[] spellings) {
        for (int i = 1; i < spellings.length; i++) {
            if (spellings[i - 1].compareTo(spellings[i]) >= 0) {
                throw new IllegalArgumentException("syllables must be sorted and distinct: " + spellings[i - 1]
                        + ", " + spellings[i]);
            }
        }
        this.spellings = spellings.clone();
        this.longest = Arrays.stream(spellings).mapToInt(String::length).max().orElse(0);
    }

    int size() {
        return spellings.length;
    }

    String spelling(int id) {
        return spellings[id];
    }

    /** The most letters a syllable has ({@code zhuang}: 6). */
    int longest() {
        return longest;
    }

    /** The id of a whole syllable as typed (aliases included), or -1. */
    int id(String typed) {
        int at = Arrays.binarySearch(spellings, ALIASES.getOrDefault(typed, typed));
        return at >= 0 ? at : -1;
    }

    /** The first id whose spelling begins with {@code prefix} (or where it would be). */
    int firstWithPrefix(String prefix) {
        int at = Arrays.binarySearch(spellings, prefix);
        return at >= 0 ? at : -at - 1;
    }

    /** One past the last id whose spelling begins with {@code prefix}; equal to the first when there is none. */
    int endOfPrefix(String prefix) {
        int at = firstWithPrefix(prefix);
        while (at < spellings.length && spellings[at].startsWith(prefix)) {
            at++;
        }
        return at;
    }

    String[] toArray() {
        return spellings.clone();
    }
}
