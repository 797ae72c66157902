package org.jinban.kiosk.ime;

import java.util.ArrayList;
import java.util.List;

/**
 * Every way a syllable can begin at each place of the typed letters. Letters are segmented
 * lazily: the candidate search follows only the ways the lexicon has words for, so an ambiguous
 * input ({@code xian}: 先 or 西安; {@code fangan}: 方案 or 反感) keeps all its readings.
 *
 * <ul>
 *   <li>{@link Kind#SYLLABLE}: a whole syllable ({@code xi}, {@code xian});</li>
 *   <li>{@link Kind#INITIAL}: an initial standing for any syllable it begins, as in {@code sq} for
 *       申请 or {@code zhsh}; {@code z c s} also stand for {@code zh ch sh};</li>
 *   <li>{@link Kind#PARTIAL}: the last letters typed, the beginning of a syllable not finished yet
 *       ({@code shenqi} → 申请).</li>
 * </ul>
 */
final class Tokens {
    enum Kind { SYLLABLE, INITIAL, PARTIAL }

    /**
     * Letters {@code [from, to)} read as any syllable with an id in {@code [firstId, endId)}.
     */
    record Token(int from, int to, int firstId, int endId, Kind kind) {
        int letters() {
            return to - from;
        }
    }

    private final int length;
    private final List<List<Token>> at;

    private Tokens(int length, List<List<Token>> at) {
        this.length = length;
        this.at = at;
    }

    /** @param letters lower-case a–z */
    static Tokens of(String letters, Syllables syllables) {
        int n = letters.length();
        List<List<Token>> at = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            at.add(tokensAt(letters, i, syllables));
        }
        return new Tokens(n, at);
    }

    private static List<Token> tokensAt(String letters, int i, Syllables syllables) {
        int n = letters.length();
        List<Token> tokens = new ArrayList<>(4);
        for (int len = 1; len <= syllables.longest() && i + len <= n; len++) {
            String typed = letters.substring(i, i + len);
            int id = syllables.id(typed);
            if (i + len == n) {
                int first = syllables.firstWithPrefix(typed);
                int end = syllables.endOfPrefix(typed);
                if (first < end) {
                    tokens.add(new Token(i, n, first, end, Kind.PARTIAL));
                } else if (id >= 0) {
                    tokens.add(new Token(i, n, id, id + 1, Kind.SYLLABLE)); // an alias: lue → lve
                }
            } else if (id >= 0) {
                tokens.add(new Token(i, i + len, id, id + 1, Kind.SYLLABLE));
            }
        }
        char c = letters.charAt(i);
        if (Syllables.INITIALS.indexOf(c) >= 0 && i + 1 < n) {
            tokens.add(initial(letters.substring(i, i + 1), i, syllables));
            if ("zcs".indexOf(c) >= 0 && letters.charAt(i + 1) == 'h' && i + 2 < n) {
                tokens.add(initial(letters.substring(i, i + 2), i, syllables));
            }
        }
        return tokens;
    }

    private static Token initial(String initial, int from, Syllables syllables) {
        return new Token(from, from + initial.length(), syllables.firstWithPrefix(initial),
                syllables.endOfPrefix(initial), Kind.INITIAL);
    }

    int length() {
        return length;
    }

    List<Token> at(int position) {
        return at.get(position);
    }
}
