package org.jinban.kiosk.enroll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the technician screen works on this kiosk, decided once at start by {@code Main} (or a test).
 *
 * @param enrollmentRequired the kiosk is not enrolled and must be: residents get only the
 *                           "not yet enrolled" screen, and the API answers only the page's basics
 *                           and the technician screen until enrollment and the restart after it
 * @param pinFile            the technician PIN's hash ({@code jinban-provision technician-pin});
 *                           empty: the screen is never offered
 * @param targets            where the screen's enrollment writes: the service's own secrets'
 *                           directory ({@code /etc/jinban/secret}); empty: the screen cannot enroll
 * @param hubPin             the hub certificate's SHA-256 to trust ({@code sync.pin-sha256}), if set
 * @param hubTimeout         how long to wait for the hub
 * @param restart            what picks up a new enrollment: the process ends with the status
 *                           systemd restarts on ({@code Restarter.EXIT_STATUS}); tests count it
 */
public record TechnicianSetup(boolean enrollmentRequired, Optional<Path> pinFile, Optional<Enrollment.Targets> targets,
                              Optional<String> hubPin, Duration hubTimeout, Runnable restart) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** The PIN's hash file, in the secrets' directory beside the kiosk's data secret. */
    public static final String PIN_FILE = "technician-pin";

    public TechnicianSetup {
        Objects.requireNonNull(pinFile, "pinFile");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(hubPin, "hubPin");
        Objects.requireNonNull(hubTimeout, "hubTimeout");
        Objects.requireNonNull(restart, "restart");
    }

    /** No technician screen (a development kiosk, most tests): the API says how to set a PIN. */
    public static TechnicianSetup none() {
        return new TechnicianSetup(false, Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT, () -> { });
    }
}
