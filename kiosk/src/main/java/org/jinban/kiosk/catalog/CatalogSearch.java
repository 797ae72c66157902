package org.jinban.kiosk.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Search as residents type at a Chinese kiosk: any substring of a name, keyword or material,
 * in Chinese (one character and up), full pinyin, pinyin initials or English, with synonyms.
 */
public final class CatalogSearch {
    /** Longest query accepted, in characters; longer ones are refused, not cut. */
    public static final int MAX_QUERY_LENGTH = 100;
    /** Most words in one query. */
    public static final int MAX_TERMS = 8;

    private final CatalogStore store;

    public CatalogSearch(CatalogStore store) {
        this.store = store;
    }

    /**
     * Searches the catalog. {@code text} must already be within {@link #MAX_QUERY_LENGTH}; a text
     * with nothing searchable in it (only punctuation or emoji) lists nothing.
     */
    public SearchPage search(String text, Optional<String> department, Optional<String> lifeEvent, int limit,
                             int offset) {
        List<String> words = SearchText.words(text);
        if (words.size() > MAX_TERMS) {
            throw new IllegalArgumentException("a query has at most " + MAX_TERMS + " words");
        }
        if (words.isEmpty() && !text.isBlank()) {
            return new SearchPage(0, true, List.of());
        }
        List<CatalogQuery.Term> terms = new ArrayList<>();
        for (String word : words) {
            terms.add(new CatalogQuery.Term(word));
        }
        return store.search(new CatalogQuery(terms, department, lifeEvent, limit, offset));
    }

    /** The number of words {@code text} has for search. */
    public static int wordCount(String text) {
        return SearchText.words(text).size();
    }
}
