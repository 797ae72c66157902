package org.jinban.kiosk.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A parsed search: every term must match (AND). Synonyms need no place here: they are in the
 * index (see {@link Synonyms}). Empty terms list the whole catalog.
 */
public record CatalogQuery(List<Term> terms, Optional<String> department, Optional<String> lifeEvent,
                           int limit, int offset) {

    public CatalogQuery {
        terms = List.copyOf(terms);
    }

    /** One folded word of the query. */
    public record Term(String word) {
    }
}
