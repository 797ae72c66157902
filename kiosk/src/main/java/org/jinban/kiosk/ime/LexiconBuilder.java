package org.jinban.kiosk.ime;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds {@link Lexicon#RESOURCE} at build time (kiosk/pom.xml runs it after compiling), from two
 * well-kept open word lists (both Apache-2.0) rather than one written by hand:
 *
 * <ul>
 *   <li><b>words and how often they are used</b>: {@code dict.txt} of jieba-analysis 1.0.2, the
 *       dictionary of the jieba segmenter (~350,000 words with corpus frequencies);</li>
 *   <li><b>how they are read</b>: {@code data/dictionary/pinyin/pinyin.txt} of HanLP portable-1.8.4:
 *       every character's readings, most common first, and ~9,900 words whose characters are
 *       read otherwise than usual (银行 yin hang, 长大 zhang da, 重新 chong xin, 的确 di que).</li>
 * </ul>
 *
 * <p>Why these and not pinyin4j, which the catalog uses: pinyin4j knows each character's readings
 * but not which one a word uses, and the catalog gets by with a hand-kept list of its few dozen
 * exceptions; an input method over 350,000 words cannot. Why not HanLP's own word list: it ships
 * as a binary cache in HanLP's own format; jieba's is plain text with frequencies. Why at build
 * time: the kiosk loads a ready index in ~0.1 s instead of reading ~5 MB of text and converting
 * every word on a Raspberry Pi; neither library is on the kiosk's class path at run time.
 *
 * <p>A word is read by taking, from its start, the longest run of characters that HanLP lists as
 * a word, else the character's first reading. Every reading of a single character is kept (行:
 * xing and hang); the later ones count as 1/{@value #OTHER_READING_SHARE} of the character's uses,
 * so 的 stays first for {@code de} and not for {@code di}. Characters HanLP reads but jieba does
 * not list count as used once, so that rare characters of names can still be typed.
 */
public final class LexiconBuilder {
    static final String JIEBA_WORDS = "dict.txt";
    static final String HANLP_READINGS = "data/dictionary/pinyin/pinyin.txt";
    /** This kiosk's own words, ranked first among their homophones: see the file. */
    static final String DOMAIN_WORDS = "org/jinban/kiosk/ime/domain-words.txt";
    /** Longer entries of jieba are mostly idioms and names; nobody types 9 syllables at a kiosk before picking. */
    static final int MAX_LENGTH = 8;
    static final int OTHER_READING_SHARE = 32;

    private LexiconBuilder() {
    }

    /** @param args the resource file to write */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LexiconBuilder <output file>");
        }
        Path out = Path.of(args[0]);
        if (upToDate(out)) {
            System.out.println("[ime] " + out.getFileName() + " is up to date");
            return;
        }
        long t0 = System.nanoTime();
        Readings readings = Readings.read(open(HANLP_READINGS));
        Map<String, Integer> words = readWords(open(JIEBA_WORDS));
        List<Entry> entries = preferDomainWords(entries(words, readings), readDomainWords(open(DOMAIN_WORDS)),
                readings);
        write(out, entries);
        try {
            Files.writeString(inputsFile(out), inputs());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        System.out.printf("[ime] %s: %d entries from %d jieba words, %d KB, in %d ms%n", out.getFileName(),
                entries.size(), words.size(), Files.size(out) / 1024, (System.nanoTime() - t0) / 1_000_000);
    }

    /** One entry to be: its characters, their toneless syllables, how often it is used. */
    record Entry(String text, String[] syllables, int frequency) {
    }

    static List<Entry> entries(Map<String, Integer> words, Readings readings) {
        List<Entry> entries = new ArrayList<>(words.size() + readings.characters.size() * 2);
        for (Map.Entry<Character, List<String>> c : readings.characters.entrySet()) {
            String text = String.valueOf(c.getKey());
            int frequency = Math.max(1, words.getOrDefault(text, 1));
            List<String> all = c.getValue();
            for (int i = 0; i < all.size(); i++) {
                int f = i == 0 ? frequency : Math.max(1, frequency / OTHER_READING_SHARE);
                entries.add(new Entry(text, new String[] {all.get(i)}, f));
            }
        }
        for (Map.Entry<String, Integer> w : words.entrySet()) {
            String word = w.getKey();
            if (word.length() >= 2) {
                String[] syllables = readings.of(word);
                if (syllables != null) {
                    entries.add(new Entry(word, syllables, w.getValue()));
                }
            }
        }
        return entries;
    }

    /**
     * Each domain word counts as used once more than the most used entry of the same syllables
     * (物业 before 呜咽 for wuye); one that jieba lacks is added.
     */
    static List<Entry> preferDomainWords(List<Entry> entries, List<String> domain, Readings readings) {
        Map<String, Integer> most = new HashMap<>();
        Map<String, String[]> syllables = new HashMap<>();
        for (Entry e : entries) {
            most.merge(String.join(" ", e.syllables()), e.frequency(), Math::max);
            if (e.text().length() > 1) {
                syllables.put(e.text(), e.syllables());
            }
        }
        Set<String> preferred = new HashSet<>(domain);
        List<Entry> out = new ArrayList<>(entries.size() + domain.size());
        entries.stream().filter(e -> e.text().length() == 1 || !preferred.contains(e.text())).forEach(out::add);
        for (String word : preferred) {
            String[] read = syllables.containsKey(word) ? syllables.get(word) : readings.of(word);
            if (word.length() < 2 || !allHan(word) || read == null) {
                throw new IllegalArgumentException(DOMAIN_WORDS + ": '" + word + "' is not a word with a reading");
            }
            String key = String.join(" ", read);
            int frequency = most.getOrDefault(key, 0) + 1;
            most.put(key, frequency);
            out.add(new Entry(word, read, frequency));
        }
        return out;
    }

    static List<String> readDomainWords(InputStream in) throws IOException {
        List<String> words = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String content = line.replaceAll("#.*", "").strip();
                if (!content.isEmpty()) {
                    words.addAll(Arrays.asList(content.split("\\s+")));
                }
            }
        }
        return words;
    }

    static void write(Path out, List<Entry> entries) throws IOException {
        TreeSet<String> spellingSet = new TreeSet<>();
        entries.forEach(e -> spellingSet.addAll(Arrays.asList(e.syllables())));
        String[] spellings = spellingSet.toArray(String[]::new);
        Map<String, Character> ids = new HashMap<>();
        for (int i = 0; i < spellings.length; i++) {
            ids.put(spellings[i], (char) i);
        }
        record Keyed(Entry entry, String key) {
        }
        List<Keyed> keyed = new ArrayList<>(entries.size());
        long total = 0;
        int chars = 0;
        for (Entry e : entries) {
            StringBuilder key = new StringBuilder(e.syllables().length);
            for (String s : e.syllables()) {
                key.append(ids.get(s).charValue());
            }
            keyed.add(new Keyed(e, key.toString()));
            total += e.frequency();
            chars += e.text().length();
        }
        keyed.sort(Comparator.comparing(Keyed::key)
                .thenComparing(k -> -k.entry().frequency())
                .thenComparing(k -> k.entry().text()));

        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            o.writeInt(Lexicon.MAGIC);
            o.writeInt(Lexicon.VERSION);
            o.writeInt(spellings.length);
            for (String s : spellings) {
                o.writeUTF(s);
            }
            o.writeLong(total);
            o.writeInt(keyed.size());
            o.writeInt(chars);
            for (Keyed k : keyed) {
                o.writeByte(k.entry().text().length());
            }
            for (Keyed k : keyed) {
                o.writeShort((int) Math.round(Math.log(k.entry().frequency()) * Lexicon.WEIGHT_SCALE));
            }
            for (Keyed k : keyed) {
                o.writeChars(k.entry().text());
            }
            for (Keyed k : keyed) {
                o.writeChars(k.key());
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** jieba's {@code word frequency part-of-speech} lines: the words of 1–8 Chinese characters. */
    static Map<String, Integer> readWords(InputStream in) throws IOException {
        Map<String, Integer> words = new HashMap<>(400_000);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2 || f[0].length() > MAX_LENGTH || !allHan(f[0])) {
                    continue;
                }
                try {
                    words.merge(f[0], Integer.parseInt(f[1]), Math::max);
                } catch (NumberFormatException e) {
                    // a malformed line of the source: not a word
                }
            }
        }
        return words;
    }

    private static boolean allHan(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c) || Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** HanLP's {@code 字=yin2,hang2} lines: characters' readings and words read otherwise than usual. */
    static final class Readings {
        final Map<Character, List<String>> characters = new HashMap<>();
        final Map<String, String[]> words = new HashMap<>();
        int longestWord;

        static Readings read(InputStream in) throws IOException {
            Readings r = new Readings();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    r.add(line.strip());
                }
            }
            return r;
        }

        private void add(String line) {
            int eq = line.indexOf('=');
            if (eq <= 0 || !allHan(line.substring(0, eq))) {
                return;
            }
            String text = line.substring(0, eq);
            String[] read = line.substring(eq + 1).split(",");
            for (int i = 0; i < read.length; i++) {
                read[i] = read[i].replaceAll("[0-9]+$", "");
                if (!read[i].matches("[a-z]+")) {
                    return;
                }
            }
            if (text.length() == 1) {
                characters.computeIfAbsent(text.charAt(0), c -> new ArrayList<>())
                        .addAll(new LinkedHashSet<>(Arrays.asList(read)));
            } else if (read.length == text.length()) {
                words.put(text, read);
                longestWord = Math.max(longestWord, text.length());
            }
        }

        /** The syllables of a word, or null when a character has no reading. */
        String[] of(String word) {
            String[] out = new String[word.length()];
            int i = 0;
            while (i < word.length()) {
                String[] known = null;
                int len = Math.min(longestWord, word.length() - i);
                for (; len >= 2 && known == null; len--) {
                    known = words.get(word.substring(i, i + len));
                }
                if (known != null) {
                    System.arraycopy(known, 0, out, i, known.length);
                    i += known.length;
                    continue;
                }
                List<String> read = characters.get(word.charAt(i));
                if (read == null || read.isEmpty()) {
                    return null;
                }
                out[i++] = read.getFirst();
            }
            return out;
        }
    }

    private static InputStream open(String resource) {
        InputStream in = LexiconBuilder.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the class path: the build needs jieba-analysis "
                    + "and hanlp (portable) as provided dependencies of the kiosk module");
        }
        return in;
    }

    /**
     * What the output was built from: this class's code, the domain words and the two source
     * jars (their names carry their versions). A rebuild of the module recompiles this class
     * without changing it, so its time says nothing; its bytes do.
     */
    private static String inputs() throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (URL url : List.of(source(LexiconBuilder.class.getSimpleName() + ".class", LexiconBuilder.class),
                source(DOMAIN_WORDS, null))) {
            try (InputStream in = url.openStream()) {
                sha.update(in.readAllBytes());
            }
        }
        for (String jarred : List.of(JIEBA_WORDS, HANLP_READINGS)) {
            String url = source(jarred, null).toString();
            sha.update(url.substring(url.lastIndexOf('/', url.indexOf('!')) + 1).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Path inputsFile(Path out) {
        return out.resolveSibling(out.getFileName() + ".inputs");
    }

    /** The output exists and was built from the same inputs: nothing to do. */
    private static boolean upToDate(Path out) {
        try {
            Path recorded = inputsFile(out);
            return Files.isRegularFile(out) && Files.isRegularFile(recorded)
                    && Files.readString(recorded).equals(inputs());
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return false;
        }
    }

    private static URL source(String name, Class<?> relativeTo) {
        URL url = relativeTo != null ? relativeTo.getResource(name) : LexiconBuilder.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " not found");
        }
        return url;
    }
}
