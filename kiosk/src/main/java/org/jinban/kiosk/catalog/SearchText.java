package org.jinban.kiosk.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
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

    /** Where the grams of a text go, each as its key ({@link #gram(int)}, {@link #gram(int, int)}). */
    @FunctionalInterface
    interface GramSink {
        void add(long gram);
    }

    /**
     * Adds every one- and two-code-point gram of {@code word} to {@code grams}: a query of one or
     * two characters matches a text if and only if it is one of that text's grams.
     */
    static void allGrams(String word, GramSink grams) {
        int previous = -1;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            grams.add(gram(cp));
            if (previous >= 0) {
                grams.add(gram(previous, cp));
            }
            previous = cp;
            i += Character.charCount(cp);
        }
    }

    /** Adds the one- and two-code-point prefixes of {@code word} (for Latin words: "id" finds "id card"). */
    static void prefixGrams(String word, GramSink grams) {
        if (word.isEmpty()) {
            return;
        }
        int first = word.codePointAt(0);
        grams.add(gram(first));
        int next = Character.charCount(first);
        if (next < word.length()) {
            grams.add(gram(first, word.codePointAt(next)));
        }
    }

    /**
     * The key of the one-code-point gram {@code cp}: the code point itself. Grams are indexed as
     * numbers and written out as text only once per list ({@link #gramText}): indexing 10,000
     * items cut 4 million grams, and a String for each was most of what the collector copied.
     */
    static long gram(int cp) {
        return cp;
    }

    /** The key of the two-code-point gram {@code first second}: above every one-code-point key. */
    static long gram(int first, int second) {
        return ((long) (first + 1) << CODE_POINT_BITS) | second;
    }

    /** The gram a key stands for, as the gram lists and a query hold it. */
    static String gramText(long gram) {
        StringBuilder text = new StringBuilder(4);
        if (gram >>> CODE_POINT_BITS != 0) {
            text.appendCodePoint((int) (gram >>> CODE_POINT_BITS) - 1);
        }
        return text.appendCodePoint((int) (gram & ((1 << CODE_POINT_BITS) - 1))).toString();
    }

    /** Bits of a code point: U+10FFFF is the last. */
    private static final int CODE_POINT_BITS = 21;

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
}
