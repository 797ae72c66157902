package org.jinban.kiosk.sync;

/**
 * Restarts the kiosk service: the central platform's {@code restart-service} command. Tests
 * hand in a fake that only counts.
 */
@FunctionalInterface
public interface Restarter {
    /**
     * The exit status of a restart the centre asked for. systemd restarts the service on it
     * ({@code Restart=on-failure} counts any status but 0 and the clean signals; the unit may
     * also name it in {@code RestartForceExitStatus=}); 75 is {@code EX_TEMPFAIL}, "try again".
     */
    int EXIT_STATUS = 75;

    void restart();

    /**
     * Exits the JVM with {@link #EXIT_STATUS}. The kiosk's shutdown hook ({@code Main}) closes it
     * cleanly first: the server stops taking requests, the sync client and the jobs stop, and
     * the database closes.
     */
    static Restarter exitProcess() {
        return () -> System.exit(EXIT_STATUS);
    }
}
