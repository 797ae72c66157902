package org.jinban.kiosk.catalog;

import java.util.List;

/** One page of results and how many there are in all. */
public record SearchPage(int total, List<ItemSummary> items) {
    public SearchPage {
        items = List.copyOf(items);
    }
}
