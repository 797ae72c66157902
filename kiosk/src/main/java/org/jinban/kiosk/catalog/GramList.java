package org.jinban.kiosk.catalog;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * The item ids of one row (one block of a list) of {@code catalog_gram_items}: a JSON array of
 * ids in ascending order, e.g. {@code [1048576,2097152]}, so that SQL can open it with
 * {@code json_each} and a one-gram search can read it in rank order and stop at the page it needs.
 *
 * <p>Written by hand rather than with Jackson: it is a list of integers, read on every one- or
 * two-character search (a common gram lists most of a 10,000-item catalog), and a cursor over
 * the text lets the search stop after the page without building the whole list.
 */
final class GramList {
    private GramList() {
    }

    /** {@code ids} (ascending) as the column's text. */
    static String encode(long[] ids, int count) {
        StringBuilder out = new StringBuilder(count * 11 + 2).append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(ids[i]);
        }
        return out.append(']').toString();
    }

    /** Every id of a column's text. */
    static long[] decode(String text) {
        long[] ids = new long[16];
        int n = 0;
        Cursor c = new Cursor(text);
        while (c.hasNext()) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = c.next();
        }
        return Arrays.copyOf(ids, n);
    }

    /** Reads the ids of a column's text one by one, without building the list. */
    static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
            this.at = skip(0);
        }

        boolean hasNext() {
            return at < text.length();
        }

        long next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long value = 0;
            int digits = 0;
            while (at < text.length()) {
                char ch = text.charAt(at);
                if (ch < '0' || ch > '9') {
                    break;
                }
                value = value * 10 + (ch - '0');
                digits++;
                at++;
            }
            if (digits == 0 || digits > 18) {
                throw new IllegalStateException("a gram list holds something other than item ids at " + at);
            }
            at = skip(at);
            return value;
        }

        /** Past brackets, commas and blanks to the next digit, or to the end. */
        private int skip(int from) {
            int i = from;
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (ch >= '0' && ch <= '9') {
                    return i;
                }
                if (ch != '[' && ch != ']' && ch != ',' && ch != ' ') {
                    throw new IllegalStateException("a gram list holds something other than item ids at " + i);
                }
                i++;
            }
            return i;
        }
    }
}
