package org.jinban.kiosk.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration value that the kiosk cannot start with. The message names the key and says why;
 * from {@link ConfigCheck}, it lists every problem of the configuration, one a line.
 */
public final class ConfigException extends RuntimeException {
    private final String key;
    private final String reason;
    private final List<ConfigProblem> problems;

    public ConfigException(String key, String why) {
        super("configuration key '" + key + "': " + why);
        this.key = key;
        this.reason = why;
        this.problems = List.of();
    }

    /** Every problem {@link ConfigCheck} found; there is at least one. */
    public ConfigException(List<ConfigProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the configuration:"
                + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining()));
        this.key = problems.getFirst().key();
        this.reason = problems.getFirst().message();
        this.problems = List.copyOf(problems);
    }

    /** The key at fault (the first one, for a list of problems). */
    public String key() {
        return key;
    }

    /** Why, without the key. */
    public String reason() {
        return reason;
    }

    /** The problems {@link ConfigCheck} found; empty for a single key's exception. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
