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
        StringBuilder word = new StringBuilder();
        folded.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
            }
        });
        if (!word.isEmpty()) {
            words.add(word.toString());
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
        int[] cps = word.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            grams.add(new String(cps, i, 1));
            if (i + 1 < cps.length) {
                grams.add(new String(cps, i, 2));
            }
        }
    }

    /** Adds the one- and two-code-point prefixes of {@code word} (for Latin words: "id" finds "id card"). */
    public static void prefixGrams(String word, Collection<String> grams) {
        int[] cps = word.codePoints().toArray();
        if (cps.length >= 1) {
            grams.add(new String(cps, 0, 1));
        }
        if (cps.length >= 2) {
            grams.add(new String(cps, 0, 2));
        }
    }

    /** The length of {@code s} in code points, which is what the trigram tokenizer counts. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** True if {@code word} has any Han character. */
    public static boolean hasHan(String word) {
        return word.codePoints().anyMatch(Character::isIdeographic);
    }
}
