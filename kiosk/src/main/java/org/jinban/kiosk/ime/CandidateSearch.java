package org.jinban.kiosk.ime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the candidates for typed pinyin. It walks the lexicon's syllable order as a trie, along
 * every way the letters segment ({@link Tokens}), and collects the words that stand for a prefix
 * of the letters. Ranking, as a resident expects it:
 *
 * <ol>
 *   <li>words for all the letters, the more used first. When no single word stands for all of
 *       them, the likeliest sentence of words does, first (我要投诉 for {@code woyaotousu}, the
 *       words chosen by their frequencies, as jieba segments text);</li>
 *   <li>words of two or more characters for fewer letters, the most letters first
 *       ({@code woyaotousu}: 我要 before …);</li>
 *   <li>single characters for the first syllable, last.</li>
 * </ol>
 *
 * <p>Letters that read as whole syllables are read only so ({@code shenqing} is shen-qing, never
 * sh-en-qing). Otherwise a syllable typed as its initial ({@code sq} for 申请), or not finished
 * ({@code shenq}), counts against a word as if the word were ~7 times rarer
 * ({@link #ABBREVIATION_PENALTY}); whole last letters read as the beginning of a longer syllable
 * ({@code xian} as xiang) ~400 times ({@link #EXTENSION_PENALTY}). A single character is offered
 * for an initial only when that is all that was typed.
 *
 * <p>Thread-safe: it keeps no state between calls.
 */
public final class CandidateSearch {
    /** In weight units (ln × 1000): ln 7.4. */
    static final int ABBREVIATION_PENALTY = 2000;
    /** For reading whole letters as the beginning of a longer syllable (xian as xiang): ln 400. */
    static final int EXTENSION_PENALTY = 6000;
    /**
     * Words of two or more characters used fewer than 10 times in jieba's corpus (half its list:
     * names, rare terms) are left out of sentences: one such word for many letters would beat the
     * common words that are meant (我加筑 for "wojiazhu" against 我家住).
     */
    static final int SENTENCE_MIN_WEIGHT = 2303;
    /** A bound on the trie nodes one query visits, whatever the letters (~1 ms of work). */
    static final int MAX_NODES = 20_000;

    private static final int TIER_WHOLE = 0;
    private static final int TIER_WORD = 1;
    private static final int TIER_CHARACTER = 2;
    private static final int SCORE_OFFSET = 1 << 19;
    private static final long ENTRY_MASK = (1L << 34) - 1;

    private final Lexicon lexicon;

    CandidateSearch(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /**
     * @param letters lower-case a–z, 1–64 of them
     * @param limit   at most this many candidates
     */
    public List<Candidate> candidates(String letters, int limit) {
        Tokens tokens = Tokens.of(letters, lexicon.syllables());
        boolean[] syllables = parses(tokens, false);
        boolean exact = syllables[0];
        Found found = new Found(tokens.length(), exact ? syllables : mayEnd(tokens));
        walk(tokens, 0, 0, 0, lexicon.size(), 0, new Walk(found, exact, limit));
        List<Candidate> sentence = found.wholeWord ? List.of() : sentence(tokens);

        List<Candidate> out = new ArrayList<>(limit);
        Set<String> seen = new HashSet<>();
        if (!sentence.isEmpty()) {
            add(out, seen, sentence.getFirst(), limit);
        }
        long[] ranked = found.ranked();
        int next = 0;
        for (; next < ranked.length && ranked[next] >>> 61 == TIER_WHOLE; next++) {
            add(out, seen, candidate(ranked[next], tokens.length()), limit);
        }
        for (int i = 1; i < sentence.size(); i++) {
            add(out, seen, sentence.get(i), limit);
        }
        for (; next < ranked.length && out.size() < limit; next++) {
            add(out, seen, candidate(ranked[next], tokens.length()), limit);
        }
        return out;
    }

    private static void add(List<Candidate> out, Set<String> seen, Candidate c, int limit) {
        if (out.size() < limit && seen.add(c.text())) {
            out.add(c);
        }
    }

    private Candidate candidate(long code, int letters) {
        int e = (int) (code & ENTRY_MASK);
        return new Candidate(lexicon.text(e), lexicon.pinyin(e), letters - (int) ((code >>> 54) & 0x7F));
    }

    /** Without whole syllables: where the rest reads with initials, or anywhere if it cannot ({@code zhongguoiii}). */
    private static boolean[] mayEnd(Tokens tokens) {
        boolean[] initials = parses(tokens, true);
        if (!initials[0]) {
            Arrays.fill(initials, true);
        }
        return initials;
    }

    /**
     * Where the rest of the letters reads as syllables (whole ones, the last maybe unfinished;
     * with {@code initials}, initials too): only there may a word for the first letters end, so
     * that {@code shenqing} offers 申 for {@code shen} but not 神奇 for {@code shenqi}, which
     * would leave {@code ng}.
     */
    private static boolean[] parses(Tokens tokens, boolean initials) {
        int n = tokens.length();
        boolean[] ok = new boolean[n + 1];
        ok[n] = true;
        for (int i = n - 1; i >= 0; i--) {
            for (Tokens.Token t : tokens.at(i)) {
                if ((initials || t.kind() != Tokens.Kind.INITIAL) && ok[t.to()]) {
                    ok[i] = true;
                    break;
                }
            }
        }
        return ok;
    }

    /** What a walk reports: entry {@code e} stands for the letters up to {@code end}. */
    private interface Sink {
        void word(int e, int end, int penalty);
    }

    /**
     * How to walk: where the words go, whether initials count ({@code exact}: only whole
     * syllables, except for the last letters, as for the sentence), how many words of one node
     * to report (they come most used first), and the nodes visited so far.
     */
    private static final class Walk {
        final Sink sink;
        final boolean exact;
        final int perNode;
        int nodes;

        Walk(Sink sink, boolean exact, int perNode) {
            this.sink = sink;
            this.exact = exact;
            this.perNode = perNode;
        }
    }

    /**
     * Visits the trie node of the entries whose first {@code depth} syllables were read from the
     * letters before {@code pos}; they are {@code [lo, hi)}, those of exactly {@code depth}
     * syllables first.
     */
    private void walk(Tokens tokens, int pos, int depth, int lo, int hi, int penalty, Walk walk) {
        if (++walk.nodes > MAX_NODES) {
            return;
        }
        if (depth > 0) {
            int words = lexicon.lowerBound(lo, hi, depth, 0);
            for (int e = lo; e < words && e - lo < walk.perNode; e++) {
                walk.sink.word(e, pos, penalty);
            }
            lo = words;
        }
        if (pos == tokens.length() || depth == lexicon.longest() || lo >= hi) {
            return;
        }
        Syllables syllables = lexicon.syllables();
        for (Tokens.Token token : tokens.at(pos)) {
            if (walk.exact && token.kind() == Tokens.Kind.INITIAL) {
                continue;
            }
            // xian typed last is finished more likely than the beginning of xiang
            int shortened = syllables.spelling(token.firstId()).length() == token.letters()
                    ? EXTENSION_PENALTY : ABBREVIATION_PENALTY;
            int e = lexicon.lowerBound(lo, hi, depth, token.firstId());
            while (e < hi) {
                int id = lexicon.syllable(e, depth);
                if (id >= token.endId()) {
                    break;
                }
                int end = lexicon.lowerBound(e, hi, depth, id + 1);
                boolean whole = syllables.spelling(id).length() == token.letters();
                walk(tokens, token.to(), depth + 1, e, end, penalty + (whole ? 0 : shortened), walk);
                e = end;
            }
        }
    }

    /** The words found for a prefix of the letters, as sortable codes. */
    private final class Found implements Sink {
        private final int letters;
        private final boolean[] mayEnd;
        private long[] codes = new long[64];
        private int size;
        boolean wholeWord;

        Found(int letters, boolean[] mayEnd) {
            this.letters = letters;
            this.mayEnd = mayEnd;
        }

        @Override
        public void word(int e, int end, int penalty) {
            int length = lexicon.length(e);
            if (!mayEnd[end] || length == 1 && penalty > 0 && end < letters) {
                return;
            }
            if (end == letters && penalty == 0) {
                wholeWord = true;
            }
            int tier = end == letters ? TIER_WHOLE : length >= 2 ? TIER_WORD : TIER_CHARACTER;
            int score = lexicon.weight(e) - penalty;
            long scoreKey = Math.clamp(SCORE_OFFSET - (long) score, 0, (1L << 20) - 1);
            long code = (long) tier << 61 | (long) (letters - end) << 54 | scoreKey << 34 | e;
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, size * 2);
            }
            codes[size++] = code;
        }

        long[] ranked() {
            long[] out = Arrays.copyOf(codes, size);
            Arrays.sort(out);
            return out;
        }
    }

    /**
     * The likeliest words for all the letters, one after another (most probable path over the
     * words' frequencies; whole syllables, the last one may be unfinished), then its beginnings
     * of two or more characters, longest first ({@code woyaotousu}: 我要投诉, 我要); empty when
     * that path is one word, or there is none.
     */
    private List<Candidate> sentence(Tokens tokens) {
        int n = tokens.length();
        long[] best = new long[n + 1];
        int[] from = new int[n + 1];
        int[] word = new int[n + 1];
        Arrays.fill(best, Long.MIN_VALUE);
        best[0] = 0;
        int total = lexicon.totalWeight();
        int nodes = 0;
        for (int i = 0; i < n; i++) {
            if (best[i] == Long.MIN_VALUE) {
                continue;
            }
            long base = best[i];
            int start = i;
            Walk walk = new Walk((e, end, penalty) -> {
                if (lexicon.length(e) > 1 && lexicon.weight(e) < SENTENCE_MIN_WEIGHT) {
                    return;
                }
                long score = base + lexicon.weight(e) - total - penalty;
                if (score > best[end]) {
                    best[end] = score;
                    from[end] = start;
                    word[end] = e;
                }
            }, true, 1);
            walk.nodes = nodes;
            walk(tokens, i, 0, 0, lexicon.size(), 0, walk);
            nodes = walk.nodes;
        }
        if (best[n] == Long.MIN_VALUE || from[n] == 0) {
            return List.of();
        }
        List<Integer> ends = new ArrayList<>();
        for (int at = n; at > 0; at = from[at]) {
            ends.addFirst(at);
        }
        List<Candidate> out = new ArrayList<>(ends.size());
        StringBuilder text = new StringBuilder();
        StringBuilder pinyin = new StringBuilder();
        for (int end : ends) {
            text.append(lexicon.text(word[end]));
            pinyin.append(pinyin.isEmpty() ? "" : " ").append(lexicon.pinyin(word[end]));
            if (text.length() >= 2) {
                out.addFirst(new Candidate(text.toString(), pinyin.toString(), end));
            }
        }
        return out;
    }
}
