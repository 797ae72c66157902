package org.jinban.kiosk.ime;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The input method's words, in a few flat arrays (about 6.5 MB of heap for ~370,000 entries),
 * sorted by their syllables so that the words of any pinyin prefix are one range: a trie without
 * a node object per letter. Entry {@code e} is {@code text[start[e] .. start[e+1])}, one Chinese
 * character per syllable, and its syllable ids are {@code keys} at the same places. Entries with
 * the same syllables are ordered most frequent first.
 *
 * <p>Built by {@link LexiconBuilder} at build time into the {@value #RESOURCE} resource; see there
 * for where the words come from.
 */
final class Lexicon {
    static final String RESOURCE = "lexicon.bin";
    static final int MAGIC = 0x4A42494D; // "JBIM"
    static final int VERSION = 1;
    /** A weight is {@code round(ln(frequency) * WEIGHT_SCALE)}: log-probabilities add, and fit a short. */
    static final int WEIGHT_SCALE = 1000;

    private final Syllables syllables;
    private final int[] start;
    private final char[] text;
    private final char[] keys;
    private final short[] weight;
    private final int totalWeight;
    private final int longest;

    private Lexicon(Syllables syllables, int[] start, char[] text, char[] keys, short[] weight, int totalWeight) {
        this.syllables = syllables;
        this.start = start;
        this.text = text;
        this.keys = keys;
        this.weight = weight;
        this.totalWeight = totalWeight;
        int max = 0;
        for (int e = 0; e + 1 < start.length; e++) {
            max = Math.max(max, start[e + 1] - start[e]);
        }
        this.longest = max;
    }

    /** Reads the lexicon shipped with the kiosk. */
    static Lexicon fromClasspath() {
        try (InputStream in = Lexicon.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the input method's lexicon " + RESOURCE
                        + " is missing from the class path (it is built by the kiosk module's build)");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input method's lexicon", e);
        }
    }

    static Lexicon read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a lexicon of version " + VERSION);
        }
        String[] spellings = new String[in.readInt()];
        for (int i = 0; i < spellings.length; i++) {
            spellings[i] = in.readUTF();
        }
        long totalFrequency = in.readLong();
        int entries = in.readInt();
        int chars = in.readInt();
        byte[] chunk = new byte[1 << 16];
        int[] start = new int[entries + 1];
        int at = 0;
        for (int e = 0; e < entries; ) {
            int n = Math.min(chunk.length, entries - e);
            in.readFully(chunk, 0, n);
            for (int i = 0; i < n; i++, e++) {
                start[e] = at;
                at += chunk[i];
            }
        }
        start[entries] = at;
        if (at != chars) {
            throw new IOException("lexicon lengths add up to " + at + ", not " + chars);
        }
        short[] weight = new short[entries];
        for (int e = 0; e < entries; ) {
            int n = Math.min(chunk.length / 2, entries - e);
            in.readFully(chunk, 0, n * 2);
            ByteBuffer.wrap(chunk, 0, n * 2).asShortBuffer().get(weight, e, n);
            e += n;
        }
        char[] text = readChars(in, chunk, chars);
        char[] keys = readChars(in, chunk, chars);
        return new Lexicon(new Syllables(spellings), start, text, keys, weight,
                (int) Math.round(Math.log(totalFrequency) * WEIGHT_SCALE));
    }

    private static char[] readChars(DataInputStream in, byte[] chunk, int count) throws IOException {
        char[] out = new char[count];
        for (int i = 0; i < count; ) {
            int n = Math.min(chunk.length / 2, count - i);
            in.readFully(chunk, 0, n * 2);
            ByteBuffer.wrap(chunk, 0, n * 2).asCharBuffer().get(out, i, n);
            i += n;
        }
        return out;
    }

    Syllables syllables() {
        return syllables;
    }

    int size() {
        return weight.length;
    }

    /** The most syllables a word has. */
    int longest() {
        return longest;
    }

    /** Syllables (= characters) of entry {@code e}. */
    int length(int e) {
        return start[e + 1] - start[e];
    }

    /** The id of syllable {@code d} of entry {@code e}; {@code e} must have more than {@code d}. */
    int syllable(int e, int d) {
        return keys[start[e] + d];
    }

    int weight(int e) {
        return weight[e];
    }

    /** The weight of all the words' uses together: {@code weight(e) - totalWeight()} is a log-probability. */
    int totalWeight() {
        return totalWeight;
    }

    String text(int e) {
        return new String(text, start[e], length(e));
    }

    /** The entry's syllables with spaces between them: {@code shen qing}. */
    String pinyin(int e) {
        StringBuilder sb = new StringBuilder(length(e) * 5);
        for (int d = 0; d < length(e); d++) {
            if (d > 0) {
                sb.append(' ');
            }
            sb.append(syllables.spelling(syllable(e, d)));
        }
        return sb.toString();
    }

    /**
     * In a range whose entries share their first {@code d} syllables, the first entry whose
     * syllable {@code d} has an id of at least {@code id}. The entries of exactly {@code d}
     * syllables come first in such a range and count as below every id.
     */
    int lowerBound(int lo, int hi, int d, int id) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int v = length(mid) > d ? keys[start[mid] + d] : -1;
            if (v < id) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Heap bytes of the arrays, for the log and the benchmark. */
    long footprint() {
        return 4L * start.length + 2L * text.length + 2L * keys.length + 2L * weight.length;
    }
}
