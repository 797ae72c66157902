package org.jinban.kiosk.catalog;

import java.util.List;

/**
 * A catalog file that cannot be imported. Lists every problem found, each naming where it is
 * (e.g. {@code items[3] JB-MZ-001: cost.amount must be a decimal such as 0.00}).
 */
public final class CatalogFormatException extends RuntimeException {
    private final List<String> problems;

    public CatalogFormatException(String source, List<String> problems) {
        super("catalog " + source + " is not valid (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
