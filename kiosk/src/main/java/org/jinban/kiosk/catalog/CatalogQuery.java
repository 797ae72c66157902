package org.jinban.kiosk.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A parsed search: every term must match (AND); a term matches through any of its
 * alternatives (the word itself or a synonym). Empty terms list the whole catalog.
 */
public record CatalogQuery(List<Term> terms, Optional<String> department, Optional<String> lifeEvent,
                           int limit, int offset) {

    public CatalogQuery {
        terms = List.copyOf(terms);
    }

    /** One word of the query and the words that mean the same. */
    public record Term(String word, List<String> synonyms) {
        public Term {
            synonyms = List.copyOf(synonyms);
        }
    }
}
