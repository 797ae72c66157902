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

    /** What is wrong with {@code text} as a query, if anything: the search's one set of limits. */
    public static Optional<String> problem(String text) {
        if (text.length() > MAX_QUERY_LENGTH) {
            return Optional.of("must be at most " + MAX_QUERY_LENGTH + " characters, was " + text.length());
        }
        if (SearchText.words(text).size() > MAX_TERMS) {
            return Optional.of("must have at most " + MAX_TERMS + " words");
        }
        return Optional.empty();
    }

    /**
     * Searches the catalog. A text with nothing searchable in it (only punctuation or emoji)
     * lists nothing.
     *
     * @throws InvalidQueryException if the text is longer than {@link #MAX_QUERY_LENGTH}
     *                               characters or has more than {@link #MAX_TERMS} words
     */
    public SearchPage search(String text, Optional<String> department, Optional<String> lifeEvent, int limit,
                             int offset) {
        problem(text).ifPresent(why -> {
            throw new InvalidQueryException(why);
        });
        List<String> words = SearchText.words(text);
        if (words.isEmpty() && !text.isBlank()) {
            return new SearchPage(0, true, List.of());
        }
        List<CatalogQuery.Term> terms = new ArrayList<>();
        for (String word : words) {
            terms.add(new CatalogQuery.Term(word));
        }
        return store.search(new CatalogQuery(terms, department, lifeEvent, limit, offset));
    }
}
