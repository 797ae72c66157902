package org.jinban.kiosk.enroll;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who may use the technician screen: the technician PIN opens a session (a random token, ended
 * after {@link #SESSION_IDLE} without a call). {@value #FREE_ATTEMPTS} wrong PINs in a row lock the
 * screen for {@link #FIRST_LOCK}, every further lock twice as long up to {@link #MAX_LOCK}; while
 * locked even the right PIN is refused, and a right PIN ends the back-off. A six-digit PIN
 * guessed at that pace takes years. The count lives in memory: only a restart of the service,
 * which nobody at the screen can cause, starts it over.
 */
public final class TechnicianGate {
    public static final int FREE_ATTEMPTS = 3;
    public static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    public static final Duration MAX_LOCK = Duration.ofMinutes(15);
    public static final Duration SESSION_IDLE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TechnicianPin pin;
    private final Clock clock;
    private int failures;
    private int locks;
    private Instant lockedUntil = Instant.MIN;
    private String token;
    private Instant sessionUntil = Instant.MIN;

    /** What a login came to. */
    public sealed interface Outcome {
        record Success(String token) implements Outcome {
        }

        record Wrong(int attemptsLeft) implements Outcome {
        }

        /** Too many wrong PINs; {@code fresh}: this attempt is the one that locked it. */
        record Locked(Instant until, boolean fresh) implements Outcome {
        }

        record NotSet() implements Outcome {
        }
    }

    public TechnicianGate(TechnicianPin pin, Clock clock) {
        this.pin = pin;
        this.clock = clock;
    }

    public boolean pinSet() {
        return pin.isSet();
    }

    /** Until when the screen is locked, if it is now. */
    public synchronized Optional<Instant> lockedUntil() {
        return clock.instant().isBefore(lockedUntil) ? Optional.of(lockedUntil) : Optional.empty();
    }

    public synchronized Outcome login(String typed) {
        Instant now = clock.instant();
        if (now.isBefore(lockedUntil)) {
            return new Outcome.Locked(lockedUntil, false);
        }
        if (!pin.isSet()) {
            return new Outcome.NotSet();
        }
        if (pin.matches(typed)) {
            failures = 0;
            locks = 0;
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = HexFormat.of().formatHex(bytes);
            sessionUntil = now.plus(SESSION_IDLE);
            return new Outcome.Success(token);
        }
        failures++;
        if (failures < FREE_ATTEMPTS) {
            return new Outcome.Wrong(FREE_ATTEMPTS - failures);
        }
        failures = 0;
        Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(locks, 20));
        locks++;
        lockedUntil = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
        endSession();
        return new Outcome.Locked(lockedUntil, true);
    }

    /** Whether {@code presented} is the live session's token; a live one is kept alive. */
    public synchronized boolean touch(String presented) {
        Instant now = clock.instant();
        if (token == null || presented == null || !now.isBefore(sessionUntil)
                || !java.security.MessageDigest.isEqual(token.getBytes(), presented.getBytes())) {
            return false;
        }
        sessionUntil = now.plus(SESSION_IDLE);
        return true;
    }

    public synchronized void logout(String presented) {
        if (token != null && token.equals(presented)) {
            endSession();
        }
    }

    private void endSession() {
        token = null;
        sessionUntil = Instant.MIN;
    }
}
