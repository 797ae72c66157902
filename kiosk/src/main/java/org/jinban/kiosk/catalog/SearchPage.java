package org.jinban.kiosk.catalog;

import java.util.List;

/**
 * One page of results and how many there are in all: exactly {@code total}, or at least
 * {@code total} when {@code totalExact} is false (see {@link SearchExecutor#TOTAL_CAP}).
 */
public record SearchPage(int total, boolean totalExact, List<ItemSummary> items) {
    public SearchPage {
        items = List.copyOf(items);
    }
}
