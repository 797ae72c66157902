package org.jinban.kiosk.catalog;

/**
 * The one- and two-character grams of one item, each with the best {@link MatchLevel} score it
 * occurs at: gram keys as {@link SearchText#gram(int)} makes them, in a table of primitives
 * (open addressing, linear probing).
 *
 * <p>Written by hand, not a {@code HashMap<String, Integer>}: an item has about 170 grams from
 * about 400 occurrences, and for each occurrence the map needed a new String, its hash and a
 * node, on every item of a 10,000-item delta; a primitive-collections library would be megabytes
 * of jar for this one table (and {@link GramLists}' one). Read by slot: {@link #capacity()}
 * slots, a score of 0 marking an empty one.
 */
final class GramSet {
    /** No grams: what a search document holds once its grams are in the lists. */
    static final GramSet EMPTY = new GramSet(1);

    private long[] keys;
    private byte[] scores;
    private int size;

    /** A set with room for {@code expected} grams before it grows. */
    GramSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(2, expected) * 2 - 1) * 2;
        keys = new long[capacity];
        scores = new byte[capacity];
    }

    /** Adds {@code gram} at {@code score} (1 to {@link MatchLevel#BEST}), keeping the better score. */
    void add(long gram, int score) {
        if (score < 1 || score > MatchLevel.BEST) {
            throw new IllegalArgumentException("no match level has score " + score);
        }
        int mask = keys.length - 1;
        int i = slot(gram, mask);
        while (scores[i] != 0) {
            if (keys[i] == gram) {
                if (scores[i] < score) {
                    scores[i] = (byte) score;
                }
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = gram;
        scores[i] = (byte) score;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** The score of {@code gram}, or 0 if it is not in the set. */
    int score(long gram) {
        int mask = keys.length - 1;
        for (int i = slot(gram, mask); scores[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == gram) {
                return scores[i];
            }
        }
        return 0;
    }

    int size() {
        return size;
    }

    /** The number of slots; a slot with {@link #scoreAt} 0 is empty. */
    int capacity() {
        return keys.length;
    }

    long keyAt(int slot) {
        return keys[slot];
    }

    int scoreAt(int slot) {
        return scores[slot];
    }

    /** The slot to probe first for {@code key}: a multiplicative hash, as keys are runs of code points. */
    static int slot(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        byte[] oldScores = scores;
        keys = new long[oldKeys.length * 2];
        scores = new byte[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldScores[j] != 0) {
                int i = slot(oldKeys[j], mask);
                while (scores[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                scores[i] = oldScores[j];
            }
        }
    }
}
