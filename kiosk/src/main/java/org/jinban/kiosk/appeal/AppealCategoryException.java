package org.jinban.kiosk.appeal;

import java.util.List;

/**
 * An appeal category file that cannot be used. Lists every problem found, each naming where it
 * is (e.g. {@code domains[2] SAFETY: matters[3] SAFETY-GAS: dueDays must be 1 to 60, was 90}).
 */
public final class AppealCategoryException extends RuntimeException {
    private final List<String> problems;

    public AppealCategoryException(String source, List<String> problems) {
        super("appeal categories " + source + " are not valid (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
