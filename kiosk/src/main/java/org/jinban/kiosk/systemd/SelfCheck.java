package org.jinban.kiosk.systemd;

import java.time.Duration;
import java.util.Optional;

/** A quick check that the kiosk still works, run before each watchdog feed. */
@FunctionalInterface
public interface SelfCheck {
    /**
     * Why the kiosk is not healthy, or empty when it is.
     *
     * @param bound the longest the check may take; taking longer is itself a problem
     */
    Optional<String> problem(Duration bound);
}
