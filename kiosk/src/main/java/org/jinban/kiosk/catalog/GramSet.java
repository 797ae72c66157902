package org.jinban.kiosk.catalog;

/**
 * The one- and two-character grams of one item, each with the best {@link MatchLevel} score it
 * occurs at: gram keys as {@link SearchText#gram(int)} makes them, in a {@link LongTable} (the
 * scores are small, so their boxes are the JDK's cached ones). Read by slot: {@link #capacity()}
 * slots, a score of 0 marking an empty one.
 */
final class GramSet {
    /** No grams: what a search document holds once its grams are in the lists. */
    static final GramSet EMPTY = new GramSet(1);

    private final LongTable<Integer> table;

    /** A set with room for {@code expected} grams before it grows. */
    GramSet(int expected) {
        table = new LongTable<>(expected);
    }

    /** Adds {@code gram} at {@code score} (1 to {@link MatchLevel#BEST}), keeping the better score. */
    void add(long gram, int score) {
        if (score < 1 || score > MatchLevel.BEST) {
            throw new IllegalArgumentException("no match level has score " + score);
        }
        int slot = table.slot(gram);
        Integer held = table.valueAt(slot);
        if (held == null || held < score) {
            table.putAt(slot, gram, score);
        }
    }

    /** The score of {@code gram}, or 0 if it is not in the set. */
    int score(long gram) {
        return scoreAt(table.slot(gram));
    }

    int size() {
        return table.size();
    }

    /** The number of slots; a slot with {@link #scoreAt} 0 is empty. */
    int capacity() {
        return table.capacity();
    }

    long keyAt(int slot) {
        return table.keyAt(slot);
    }

    int scoreAt(int slot) {
        Integer score = table.valueAt(slot);
        return score == null ? 0 : score;
    }
}
