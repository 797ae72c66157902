package org.jinban.kiosk.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What one index session changes in the gram lists ({@code catalog_gram_items}: per gram and
 * score, the ids of its items in blocks): gathered in memory while items are indexed and
 * written once at the end, each changed block read and written a single time however many of
 * its items changed.
 */
final class GramLists {
    /**
     * Ids per block, and a row holds at most twice as many (see {@link #pieces}): 64 ids of
     * up to 12 digits make a row of under 900 bytes, which stays inside its page of the table's
     * b-tree. A WITHOUT ROWID row over about 1,000 bytes (with 4 KiB pages) spills the rest to
     * an overflow page of its own: at 100 ids (1.2 KB) 15,000 of 17,000 rows did, and 59 of the
     * table's 69 MB were overflow pages, written on every large delta (V7 re-blocks). A
     * one-character search still reads a list block by block, not 10,000 ids at once.
     */
    static final int BLOCK = 32;
    /**
     * Lists whose rows one task makes: a few hundred rows of under 1 KB, so that the rows made
     * ahead of the writer stay a few MB (with the items' 128 per task, 16 tasks ahead held
     * half of a large delta's rows and the collector copied them).
     */
    private static final int LISTS_PER_TASK = 32;
    /**
     * Per gram key ({@link SearchText#gram(int)}), its changes by score ({@link MatchLevel}
     * scores index the arrays).
     */
    private LongTable<GramChange[]> changes = new LongTable<>(1 << 11);

    /** The item {@code id} is now in the lists of {@code grams}, each at its score; any thread. */
    synchronized void add(long id, GramSet grams) {
        for (int slot = 0; slot < grams.capacity(); slot++) { // a loop, not a lambda: 1.7 million calls
            int score = grams.scoreAt(slot);
            if (score != 0) {
                change(grams.keyAt(slot), score).added.add(id);
            }
        }
    }

    /** The item {@code id} has left the lists of {@code grams}, the grams it was indexed with. */
    synchronized void remove(long id, GramSet grams) {
        for (int slot = 0; slot < grams.capacity(); slot++) {
            int score = grams.scoreAt(slot);
            if (score != 0) {
                change(grams.keyAt(slot), score).removed.add(id);
            }
        }
    }

    private GramChange change(long gram, int score) {
        int slot = changes.slot(gram);
        GramChange[] byScore = changes.valueAt(slot);
        if (byScore == null) {
            byScore = new GramChange[MatchLevel.BEST + 1];
            changes.putAt(slot, gram, byScore);
        }
        GramChange change = byScore[score];
        if (change == null) {
            change = new GramChange();
            byScore[score] = change;
        }
        return change;
    }

    /**
     * Writes each changed list. A list is kept in blocks of ids, each a row keyed by the
     * smallest id it had when written (see V6): an id goes to the block whose range holds it,
     * so a change rewrites the blocks it touches, not the whole list of a gram every item has.
     * Lists are visited in the table's key order (gram, then score from the best), so a large
     * change reads and writes the table front to back.
     *
     * <p>The blocks a change falls in are read first, then their next contents are made on the
     * indexing workers ({@link Pipeline}) while this thread writes those already made: merging
     * and writing out the ids as text was about half of this step's time on the one thread that
     * can use the connection, with the other core idle (10,000 new items: 1.7 million ids in
     * 33,000 rows; 101 changed items of 10,000: 16,000 blocks read and 19,000 rows written).
     */
    synchronized void write(Connection c) throws SQLException {
        if (changes.size() == 0) {
            return;
        }
        List<Changed> changed = new ArrayList<>(changes.size());
        for (int slot = 0; slot < changes.capacity(); slot++) {
            if (changes.valueAt(slot) != null) {
                changed.add(new Changed(SearchText.gramText(changes.keyAt(slot)), changes.valueAt(slot)));
            }
        }
        changes = new LongTable<>(1 << 11); // the session's changes are in changed now, each let go once read
        // The table's key order, near enough: strings compare by UTF-16 unit where SQLite
        // compares UTF-8 bytes, which differs only between surrogate pairs and the last few
        // thousand BMP code points. Only locality depends on it.
        changed.sort(Comparator.comparing(Changed::gram));
        List<ListChange> lists = new ArrayList<>();
        try (PreparedStatement blocksOf = c.prepareStatement(
                     "SELECT block FROM catalog_gram_items WHERE gram = ? AND score = ? ORDER BY block");
             PreparedStatement read = c.prepareStatement(
                     "SELECT items FROM catalog_gram_items WHERE gram = ? AND score = ? AND block = ?")) {
            for (int g = 0; g < changed.size(); g++) {
                Changed gram = changed.set(g, null); // each list's ids go as soon as they are sorted
                for (int score = gram.byScore().length - 1; score >= 0; score--) {
                    if (gram.byScore()[score] != null) {
                        lists.add(read(new GramKey(gram.gram(), score), gram.byScore()[score], blocksOf, read));
                    }
                }
            }
        }
        try (PreparedStatement put = c.prepareStatement(
                     "INSERT OR REPLACE INTO catalog_gram_items (gram, score, block, items) VALUES (?, ?, ?, ?)");
             PreparedStatement drop = c.prepareStatement(
                     "DELETE FROM catalog_gram_items WHERE gram = ? AND score = ? AND block = ?")) {
            Pipeline.inChunks(lists, LISTS_PER_TASK, GramLists::rows, rows -> {
                for (Row row : rows) {
                    row.write(put, drop);
                }
            });
        }
    }

    /** A gram's changes by score, with the gram as text. */
    private record Changed(String gram, GramChange[] byScore) {
    }

    /** A list's change with the blocks it touches as read (their text, not yet decoded). */
    private record ListChange(GramKey key, long[] added, long[] removed, long[] blocks, String[] held) {
    }

    private static ListChange read(GramKey key, GramChange change, PreparedStatement blocksOf, PreparedStatement read)
            throws SQLException {
        long[] added = change.added.sorted();
        long[] removed = change.removed.sorted();
        long[] blocks = blocks(blocksOf, key);
        String[] held = new String[blocks.length];
        for (int i = 0; i < blocks.length; i++) {
            if (touches(added, blocks, i) || touches(removed, blocks, i)) {
                held[i] = items(read, key, blocks[i]);
            }
        }
        return new ListChange(key, added, removed, blocks, held);
    }

    /** Whether any of {@code ids} (ascending) lies in the range of block {@code i}. */
    private static boolean touches(long[] ids, long[] blocks, int i) {
        long from = i == 0 ? Long.MIN_VALUE : blocks[i];
        long to = i + 1 < blocks.length ? blocks[i + 1] : Long.MAX_VALUE;
        return lowerBound(ids, from) < lowerBound(ids, to);
    }

    /** The rows that write {@code lists}, in order; no database, so on any thread. */
    private static List<Row> rows(List<ListChange> lists) {
        List<Row> rows = new ArrayList<>();
        for (ListChange list : lists) {
            rows(list, rows);
        }
        return rows;
    }

    private static void rows(ListChange list, List<Row> rows) {
        GramKey key = list.key();
        long[] added = list.added();
        long[] removed = list.removed();
        long[] blocks = list.blocks();
        if (blocks.length == 0) {
            pieces(key, dedupe(added), rows); // an id both removed and added stays
            return;
        }
        for (int i = 0; i < blocks.length; i++) {
            if (list.held()[i] == null) {
                continue; // the ids of a block lie in its range: nothing of this change is in it
            }
            long from = i == 0 ? Long.MIN_VALUE : blocks[i];
            long to = i + 1 < blocks.length ? blocks[i + 1] : Long.MAX_VALUE;
            long[] in = Arrays.copyOfRange(added, lowerBound(added, from), lowerBound(added, to));
            long[] out = Arrays.copyOfRange(removed, lowerBound(removed, from), lowerBound(removed, to));
            long[] held = GramList.decode(list.held()[i]);
            long[] next = union(minus(held, out), in);
            if (Arrays.equals(next, held)) {
                continue; // items re-indexed under their kept ids, still holding this gram
            }
            if (next.length == 0 || next[0] != blocks[i]) {
                rows.add(new Row(key, blocks[i], null));
            }
            pieces(key, next, rows);
        }
    }

    /** One row to write, or with no items to delete. */
    private record Row(GramKey key, long block, String items) {
        void write(PreparedStatement put, PreparedStatement drop) throws SQLException {
            PreparedStatement ps = items == null ? drop : put;
            ps.setString(1, key.gram());
            ps.setInt(2, key.score());
            ps.setLong(3, block);
            if (items != null) {
                ps.setString(4, items);
            }
            ps.executeUpdate();
        }
    }

    private static long[] blocks(PreparedStatement blocksOf, GramKey key) throws SQLException {
        blocksOf.setString(1, key.gram());
        blocksOf.setInt(2, key.score());
        LongList out = new LongList();
        try (ResultSet rs = blocksOf.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out.sorted();
    }

    private static String items(PreparedStatement read, GramKey key, long block) throws SQLException {
        read.setString(1, key.gram());
        read.setInt(2, key.score());
        read.setLong(3, block);
        try (ResultSet rs = read.executeQuery()) {
            return rs.next() ? rs.getString(1) : "[]";
        }
    }

    /**
     * The rows of {@code ids} (ascending): one block while they fit in one (twice
     * {@link #BLOCK}), else blocks of {@link #BLOCK}, leaving room for the ids a later delta
     * adds; but a list of more than eight blocks' worth (a new list, or a block a large delta
     * grew) in full blocks: it is mostly new ids, and full blocks halve the rows and statements
     * of a large delta or import. A later delta that adds to a full block splits it like any other.
     */
    private static void pieces(GramKey key, long[] ids, List<Row> rows) {
        int size = ids.length > 8 * BLOCK ? 2 * BLOCK : ids.length > 2 * BLOCK ? BLOCK : Math.max(ids.length, 1);
        for (int from = 0; from < ids.length; from += size) {
            int to = Math.min(ids.length, from + size);
            rows.add(new Row(key, ids[from], GramList.encode(Arrays.copyOfRange(ids, from, to), to - from)));
        }
    }

    /** The index of the first value of {@code sorted} at or above {@code value}. */
    private static int lowerBound(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** {@code ids} (ascending, unique) without those in {@code gone} (ascending). */
    private static long[] minus(long[] ids, long[] gone) {
        if (gone.length == 0) {
            return dedupe(ids);
        }
        long[] out = new long[ids.length];
        int n = 0;
        for (long id : ids) {
            if (Arrays.binarySearch(gone, id) < 0) {
                out[n++] = id;
            }
        }
        return dedupe(Arrays.copyOf(out, n));
    }

    /** The ascending, unique union of two ascending lists. */
    private static long[] union(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        Arrays.sort(out);
        return dedupe(out);
    }

    private static long[] dedupe(long[] sorted) {
        int unique = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (unique == 0 || sorted[unique - 1] != sorted[i]) {
                sorted[unique++] = sorted[i];
            }
        }
        return unique == sorted.length ? sorted : Arrays.copyOf(sorted, unique);
    }

    /** One list: the items holding a gram at a score. */
    private record GramKey(String gram, int score) {
    }

    /** The ids one session adds to and removes from one list. */
    private static final class GramChange {
        final LongList added = new LongList();
        final LongList removed = new LongList();
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
