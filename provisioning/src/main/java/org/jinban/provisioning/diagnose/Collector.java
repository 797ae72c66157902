package org.jinban.provisioning.diagnose;

import java.time.Duration;

/**
 * One independent part of the diagnostics. It writes what it found into its {@link Section};
 * an exception it throws is written into the archive as its error, and the other collectors
 * still run.
 */
interface Collector {
    /** The short name used in the summary, e.g. {@code database}. */
    String title();

    /** The longest this collector may take before it is abandoned and reported as timed out. */
    default Duration timeLimit() {
        return Duration.ofSeconds(60);
    }

    void collect(Section section) throws Exception;
}
