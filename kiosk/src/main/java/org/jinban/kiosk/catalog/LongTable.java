package org.jinban.kiosk.catalog;

/**
 * A table from {@code long} keys to values, open addressing with linear probing, a null value
 * marking an empty slot: the gram keys of {@link SearchText#gram(int)} to an item's best score
 * ({@link GramSet}) or to a session's changes ({@link GramLists}).
 *
 * <p>Written by hand, not a {@code HashMap<Long, V>} or a primitive-collections library: 10,000
 * items make about 4 million gram occurrences, and a boxed key for each was most of what the
 * collector copied; a library would be megabytes of jar on a kiosk for this one table. Probed
 * by slot, so that a caller reads, then writes, a key with one search: {@link #slot} finds the
 * key's slot or the empty one where it goes, {@link #putAt} fills it.
 */
final class LongTable<V> {
    private long[] keys;
    private Object[] values;
    private int size;

    /** A table with room for {@code expected} keys before it grows. */
    LongTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(2, expected) * 2 - 1) * 2;
        keys = new long[capacity];
        values = new Object[capacity];
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    int slot(long key) {
        int mask = keys.length - 1;
        int i = first(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** The value at {@code slot}, null if the slot is empty. */
    @SuppressWarnings("unchecked")
    V valueAt(int slot) {
        return (V) values[slot];
    }

    long keyAt(int slot) {
        return keys[slot];
    }

    /**
     * Puts {@code value} (not null) for {@code key} at {@code slot}, which {@link #slot} gave for
     * it with no put since: slots move when the table grows.
     */
    void putAt(int slot, long key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("a null value marks an empty slot");
        }
        boolean added = values[slot] == null;
        keys[slot] = key;
        values[slot] = value;
        if (added && ++size * 2 > keys.length) {
            grow();
        }
    }

    int size() {
        return size;
    }

    /** The number of slots, to read them all with {@link #valueAt} and {@link #keyAt}. */
    int capacity() {
        return keys.length;
    }

    /** The slot to probe first: a multiplicative hash, as keys are runs of code points. */
    private static int first(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] != null) {
                int i = first(oldKeys[j], mask);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }
}
