package org.jinban.kiosk.catalog;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the search indexes hold for one item: the FTS5 columns (searched by trigram for queries
 * of three or more characters) and the one- and two-character grams with the best
 * {@link MatchLevel} each occurs at.
 *
 * <p>Chinese words contribute every gram, so any one- or two-character substring finds them;
 * English words and full pinyin contribute only their first one or two letters, so "id" finds
 * "ID card" but "d" alone does not drown the list in every word with a d in it; pinyin
 * initials contribute every gram, like the Chinese they stand for. Synonyms of the words in a
 * field go to that field's synonym column (see {@link Synonyms}).
 */
public record SearchDocument(String name, String namePinyin, String nameSynonyms, String keywords,
                             String keywordSynonyms, String materials, String materialSynonyms,
                             Map<String, Integer> grams) {

    private static final String SEPARATOR = " | ";

    public static SearchDocument of(ServiceItem item, Synonyms synonyms) {
        Map<String, Integer> grams = new HashMap<>();

        List<String> zhNames = new ArrayList<>();
        List<String> enNames = new ArrayList<>();
        zhNames.add(item.name().zh());
        enNames.add(item.name().en());
        item.alternativeNames().forEach(n -> {
            zhNames.add(n.zh());
            enNames.add(n.en());
        });
        Field name = new Field(MatchLevel.NAME, grams);
        zhNames.forEach(name::chinese);
        enNames.forEach(name::latin);

        Field keywords = new Field(MatchLevel.KEYWORD, grams);
        item.keywords().zh().forEach(keywords::chinese);
        item.keywords().en().forEach(keywords::latin);

        Field materials = new Field(MatchLevel.MATERIAL, grams);
        for (ServiceItem.Evidence evidence : item.requiredEvidence()) {
            materials.chinese(evidence.name().zh());
            materials.latin(evidence.name().en());
        }

        // a view, not a copy: copying (and then iterating an immutable map of) ~170 grams per item
        // was a tenth of the CPU of indexing a large delta
        return new SearchDocument(join(name.texts), join(name.spellings), name.synonyms(synonyms),
                join(keywords.texts) + SEPARATOR + join(keywords.spellings), keywords.synonyms(synonyms),
                join(materials.texts), materials.synonyms(synonyms), Collections.unmodifiableMap(grams));
    }

    /** The FTS texts alone: what waits, for each item of a large import, to be written. */
    SearchDocument withoutGrams() {
        return new SearchDocument(name, namePinyin, nameSynonyms, keywords, keywordSynonyms, materials,
                materialSynonyms, Map.of());
    }

    /** The texts of one field and the grams they contribute at the field's level. */
    private static final class Field {
        final MatchLevel level;
        final Map<String, Integer> grams;
        final List<String> texts = new ArrayList<>();
        final List<String> spellings = new ArrayList<>();

        Field(MatchLevel level, Map<String, Integer> grams) {
            this.level = level;
            this.grams = grams;
        }

        void chinese(String text) {
            texts.add(SearchText.fold(text));
            Collection<String> found = new Grams(grams, level.direct());
            for (String word : SearchText.words(text)) {
                if (SearchText.hasHan(word)) {
                    SearchText.allGrams(word, found);
                } else {
                    SearchText.prefixGrams(word, found);
                }
            }
            Pinyin.Spelling spelling = Pinyin.of(text);
            if (!spelling.isEmpty()) {
                spellings.add(spelling.full());
                spellings.add(spelling.initials());
                SearchText.prefixGrams(spelling.full(), found);
                SearchText.allGrams(spelling.initials(), found);
            }
        }

        void latin(String text) {
            texts.add(SearchText.fold(text));
            Collection<String> found = new Grams(grams, level.direct());
            SearchText.words(text).forEach(w -> SearchText.prefixGrams(w, found));
        }

        /** The synonym column: the other words of every group this field has a word of, with their pinyin. */
        String synonyms(Synonyms synonyms) {
            List<String> out = new ArrayList<>();
            Collection<String> found = new Grams(grams, level.synonym());
            for (String word : synonyms.others(String.join(SEPARATOR, texts))) {
                List<String> indexed = Synonyms.indexed(word);
                out.addAll(indexed);
                if (SearchText.hasHan(word)) {
                    SearchText.allGrams(word, found);
                    SearchText.prefixGrams(indexed.get(1), found);
                    SearchText.allGrams(indexed.get(2), found);
                } else {
                    SearchText.words(word).forEach(w -> SearchText.prefixGrams(w, found));
                }
            }
            return join(out);
        }
    }

    /**
     * Where a field's grams go: each straight into the item's map at the field's score, kept
     * if better than the score it holds. A set per field, merged into the map after, cost a
     * second hash of every gram and the set's entries, on every field of 10,000 items.
     */
    private static final class Grams extends AbstractCollection<String> {
        private final Map<String, Integer> grams;
        private final Integer score;

        Grams(Map<String, Integer> grams, int score) {
            this.grams = grams;
            this.score = score; // small: a cached Integer, so adding allocates nothing
        }

        @Override
        public boolean add(String gram) {
            Integer held = grams.get(gram);
            if (held == null || held < score) {
                grams.put(gram, score);
                return true;
            }
            return false;
        }

        @Override
        public Iterator<String> iterator() {
            throw new UnsupportedOperationException("grams are only added");
        }

        @Override
        public int size() {
            throw new UnsupportedOperationException("grams are only added");
        }
    }

    private static String join(List<String> parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty()) {
                if (!joined.isEmpty()) {
                    joined.append(SEPARATOR);
                }
                joined.append(part);
            }
        }
        return joined.toString();
    }
}
