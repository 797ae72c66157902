package org.jinban.kiosk.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one index session changes in the gram lists ({@code catalog_gram_items}, one row per
 * gram and score with the ids of its items): gathered in memory while items are indexed and
 * written once at the end, each changed list read and written a single time however many of
 * its items changed.
 */
final class GramLists {
    private final Map<GramKey, GramChange> changes = new HashMap<>();

    /** The item {@code id} is now in the lists of {@code grams} (gram to score). */
    void add(long id, Map<String, Integer> grams) {
        grams.forEach((gram, score) -> changes.computeIfAbsent(new GramKey(gram, score), k -> new GramChange())
                .added.add(id));
    }

    /** The item {@code id} has left the lists of {@code grams}, the grams it was indexed with. */
    void remove(long id, Map<String, Integer> grams) {
        grams.forEach((gram, score) -> changes.computeIfAbsent(new GramKey(gram, score), k -> new GramChange())
                .removed.add(id));
    }

    /**
     * Writes each changed list: the ids held, less those removed, plus those added, in
     * ascending order; an empty list is deleted. Lists are visited in the table's key order, so
     * a large change reads and writes the table front to back.
     */
    void write(Connection c) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        List<GramKey> keys = new ArrayList<>(changes.keySet());
        keys.sort(GramKey.KEY_ORDER);
        try (PreparedStatement read = c.prepareStatement(
                     "SELECT items FROM catalog_gram_items WHERE gram = ? AND score = ?");
             PreparedStatement write = c.prepareStatement(
                     "INSERT OR REPLACE INTO catalog_gram_items (gram, score, items) VALUES (?, ?, ?)");
             PreparedStatement remove = c.prepareStatement(
                     "DELETE FROM catalog_gram_items WHERE gram = ? AND score = ?")) {
            for (GramKey key : keys) {
                read.setString(1, key.gram());
                read.setInt(2, key.score());
                long[] held;
                try (ResultSet rs = read.executeQuery()) {
                    held = rs.next() ? GramList.decode(rs.getString(1)) : new long[0];
                }
                long[] next = changes.get(key).applyTo(held);
                PreparedStatement ps = next.length == 0 ? remove : write;
                ps.setString(1, key.gram());
                ps.setInt(2, key.score());
                if (next.length > 0) {
                    ps.setString(3, GramList.encode(next, next.length));
                }
                ps.executeUpdate();
            }
        }
        changes.clear();
    }

    private record GramKey(String gram, int score) {
        /**
         * The table's key order, near enough: strings compare by UTF-16 unit where SQLite compares
         * UTF-8 bytes, which differs only between surrogate pairs and the last few thousand BMP
         * code points. Only locality depends on it.
         */
        static final Comparator<GramKey> KEY_ORDER = (a, b) -> {
            int byGram = a.gram.compareTo(b.gram);
            return byGram != 0 ? byGram : Integer.compare(b.score, a.score);
        };
    }

    /** The ids one session adds to and removes from one list. */
    private static final class GramChange {
        final LongList added = new LongList();
        final LongList removed = new LongList();

        long[] applyTo(long[] held) {
            long[] out = new long[held.length + added.size];
            int n = 0;
            long[] gone = removed.sorted();
            for (long id : held) {
                if (Arrays.binarySearch(gone, id) < 0) {
                    out[n++] = id;
                }
            }
            long[] in = added.sorted();
            System.arraycopy(in, 0, out, n, in.length);
            n += in.length;
            Arrays.sort(out, 0, n);
            int unique = 0;
            for (int i = 0; i < n; i++) {
                if (unique == 0 || out[unique - 1] != out[i]) {
                    out[unique++] = out[i];
                }
            }
            return Arrays.copyOf(out, unique);
        }
    }

    /** A growable array of ids: 10,000 items put 1.7 million ids in these lists. */
    private static final class LongList {
        long[] values = new long[4];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] sorted() {
            long[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }
}
