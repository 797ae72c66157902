package org.jinban.kiosk.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
record SearchDocument(String name, String namePinyin, String nameSynonyms, String keywords,
                             String keywordSynonyms, String materials, String materialSynonyms,
                             GramSet grams) {

    private static final String SEPARATOR = " | ";

    static SearchDocument of(ServiceItem item, Synonyms synonyms) {
        GramSet grams = new GramSet(256); // ~170 grams per item

        Field name = new Field(MatchLevel.NAME, grams);
        name.chinese(item.name().zh());
        for (LocalizedText alternative : item.alternativeNames()) {
            name.chinese(alternative.zh());
        }
        name.latin(item.name().en());
        for (LocalizedText alternative : item.alternativeNames()) {
            name.latin(alternative.en());
        }

        Field keywords = new Field(MatchLevel.KEYWORD, grams);
        for (String keyword : item.keywords().zh()) {
            keywords.chinese(keyword);
        }
        for (String keyword : item.keywords().en()) {
            keywords.latin(keyword);
        }

        Field materials = new Field(MatchLevel.MATERIAL, grams);
        for (ServiceItem.Evidence evidence : item.requiredEvidence()) {
            materials.chinese(evidence.name().zh());
            materials.latin(evidence.name().en());
        }

        List<String> keywordTexts = new ArrayList<>(keywords.texts);
        keywordTexts.addAll(keywords.spellings);
        return new SearchDocument(column(name.texts), column(name.spellings), name.synonyms(synonyms),
                column(keywordTexts), keywords.synonyms(synonyms), column(materials.texts),
                materials.synonyms(synonyms), grams);
    }

    /**
     * The text of one FTS column made of {@code texts}: each of their words once, in the order
     * they first come, one space apart.
     *
     * <p>It finds what the texts joined whole find. A query reaches FTS5 as one folded word in a
     * phrase (see {@link SearchExecutor}), which the trigram index matches where it is a
     * substring of the column's text; a query has no space, so that is inside one word, and a
     * word written twice is found through either. Nothing but the rowid is read from these
     * tables (no ranking, snippet or highlight), so how often a word occurs is not used. An
     * item's names, alternative names, keywords and their pinyin repeat words a good deal: on a
     * 10,000-item delta this leaves 5.7 million trigrams of 4.7 for SQLite to tokenize and
     * write, on the thread that applies the delta, and none for the {@code " | "} between texts.
     * (Dropping also each word that lies inside another saves 2 % more trigrams, for more than
     * it saves: a search through every kept word for each word.) Texts indexed joined whole
     * before are found the same, so nothing is indexed again.
     */
    static String column(List<String> texts) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == ' ') {
                    if (i > start) {
                        words.add(text.substring(start, i));
                    }
                    start = i + 1;
                }
            }
        }
        return String.join(" ", words);
    }

    /** The FTS texts alone: what waits, for each item of a large import, to be written. */
    SearchDocument withoutGrams() {
        return new SearchDocument(name, namePinyin, nameSynonyms, keywords, keywordSynonyms, materials,
                materialSynonyms, GramSet.EMPTY);
    }

    /** The texts of one field and the grams they contribute at the field's level. */
    private static final class Field {
        final List<String> texts = new ArrayList<>();
        final List<String> spellings = new ArrayList<>();
        /** Where the field's own words' grams go, at its direct score; and its synonyms'. */
        final SearchText.GramSink direct;
        final SearchText.GramSink synonym;

        Field(MatchLevel level, GramSet grams) {
            int directScore = level.direct();
            int synonymScore = level.synonym();
            this.direct = gram -> grams.add(gram, directScore);
            this.synonym = gram -> grams.add(gram, synonymScore);
        }

        void chinese(String text) {
            List<String> words = SearchText.words(text); // once: folding (NFKC) is a good part of the cost
            texts.add(String.join(" ", words));
            SearchText.GramSink found = direct;
            for (String word : words) {
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
            List<String> words = SearchText.words(text);
            texts.add(String.join(" ", words));
            for (String word : words) {
                SearchText.prefixGrams(word, direct);
            }
        }

        /** The synonym column: the other words of every group this field has a word of, with their pinyin. */
        String synonyms(Synonyms synonyms) {
            List<String> out = new ArrayList<>();
            SearchText.GramSink found = synonym;
            for (String word : synonyms.others(String.join(SEPARATOR, texts))) {
                List<String> indexed = Synonyms.indexed(word);
                out.addAll(indexed);
                if (SearchText.hasHan(word)) {
                    SearchText.allGrams(word, found);
                    SearchText.prefixGrams(indexed.get(1), found);
                    SearchText.allGrams(indexed.get(2), found);
                } else {
                    for (String w : SearchText.words(word)) {
                        SearchText.prefixGrams(w, found);
                    }
                }
            }
            return column(out);
        }
    }
}
