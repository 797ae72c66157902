package org.jinban.kiosk.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * How search text is folded, both in the index and in queries, so that the two always agree:
 * NFKC (full-width ＡＢＣ１ becomes ABC1), lower case, and every character that is not a letter
 * or digit turned into a word break. Quotes, {@code *}, brackets, emoji and control characters
 * therefore never reach SQLite's query syntax.
 */
public final class SearchText {
    /** Queries and grams shorter than this go to the gram index; longer ones to FTS5 trigrams. */
    public static final int TRIGRAM = 3;

    private SearchText() {
    }

    /** The words of {@code text}, folded. */
    public static List<String> words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        int start = -1; // where the word being read began; letters and digits stay as they are
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            words.add(folded.substring(start));
        }
        return words;
    }

    /** The folded words of {@code text} joined by single spaces, as stored in the FTS columns. */
    public static String fold(String text) {
        return String.join(" ", words(text));
    }

    /**
     * Adds every one- and two-code-point gram of {@code word} to {@code grams}: a query of one or
     * two characters matches a text if and only if it is one of that text's grams.
     */
    public static void allGrams(String word, Collection<String> grams) {
        int[] cps = codePoints(word);
        for (int i = 0; i < cps.length; i++) {
            grams.add(one(cps[i]));
            if (i + 1 < cps.length) {
                grams.add(new String(cps, i, 2));
            }
        }
    }

    /** Adds the one- and two-code-point prefixes of {@code word} (for Latin words: "id" finds "id card"). */
    public static void prefixGrams(String word, Collection<String> grams) {
        int[] cps = codePoints(word);
        if (cps.length >= 1) {
            grams.add(one(cps[0]));
        }
        if (cps.length >= 2) {
            grams.add(new String(cps, 0, 2));
        }
    }

    /**
     * The one-code-point gram of {@code cp}, made once for each character of the BMP: indexing
     * 10,000 items made ~1.5 million of these strings, one per character of every text, and
     * dropped them again. A race between two threads makes two equal strings: either will do.
     */
    private static String one(int cp) {
        if (cp >= ONE_CHAR.length) {
            return new String(Character.toChars(cp));
        }
        String gram = ONE_CHAR[cp];
        if (gram == null) {
            gram = String.valueOf((char) cp);
            ONE_CHAR[cp] = gram;
        }
        return gram;
    }

    /** The one-character grams made so far, by character (256 KB of references at most). */
    private static final String[] ONE_CHAR = new String[Character.MAX_VALUE + 1];

    /** The length of {@code s} in code points, which is what the trigram tokenizer counts. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** True if {@code word} has any Han character. */
    public static boolean hasHan(String word) {
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            if (Character.isIdeographic(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /**
     * The code points of {@code s}. A loop rather than {@code s.codePoints()}: indexing runs
     * this for every word of 10,000 items, on the kiosk's C1-only JIT, which does not take a
     * stream pipeline apart.
     */
    private static int[] codePoints(String s) {
        int[] cps = new int[s.codePointCount(0, s.length())];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            cps[n++] = cp;
            i += Character.charCount(cp);
        }
        return cps;
    }
}
