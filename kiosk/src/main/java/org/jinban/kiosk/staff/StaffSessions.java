package org.jinban.kiosk.staff;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The staff sessions of this kiosk, in memory only: a restart logs everyone out, which is what
 * an unattended kiosk should do. A session ends after {@code idle} without a staff call.
 *
 * <p>At most {@link #MAX_SESSIONS} live at once; opening another ends the one used least
 * recently, so tokens a page forgot to close cannot pile up.
 */
public final class StaffSessions {
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);
    public static final int MAX_SESSIONS = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Supplier<Duration> idle;
    /** In access order: the first entry is the one touched least recently. */
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(MAX_SESSIONS * 2, 0.75f, true);

    public StaffSessions(Clock clock) {
        this(clock, DEFAULT_IDLE);
    }

    public StaffSessions(Clock clock, Duration idle) {
        this(clock, positive(idle));
    }

    /**
     * With an idle time that may change while the kiosk runs (the central platform's
     * {@code kiosk.staff.idle-timeout}): every check reads it again, so a shorter one ends idle
     * sessions at once and a longer one lets them live on.
     */
    public StaffSessions(Clock clock, Supplier<Duration> idle) {
        this.clock = clock;
        this.idle = idle;
    }

    private static Supplier<Duration> positive(Duration idle) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("a staff session's idle time must be positive, not " + idle);
        }
        return () -> idle;
    }

    /** How long a session lives without a staff call. */
    public Duration idle() {
        return idle.get();
    }

    /** A new session for {@code staff}; its token is 32 random bytes, base64url. */
    public synchronized String open(StaffMember staff) {
        Instant now = clock.instant();
        removeExpired(now);
        while (sessions.size() >= MAX_SESSIONS) {
            Iterator<String> leastRecent = sessions.keySet().iterator();
            leastRecent.next();
            leastRecent.remove();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(staff, now));
        return token;
    }

    /** The session's staff member, its idle time started again; empty if there is no live session. */
    public synchronized Optional<StaffMember> touch(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (s.expiredAt(now, idle.get())) {
            sessions.remove(token);
            return Optional.empty();
        }
        s.lastUsed = now;
        return Optional.of(s.staff);
    }

    public synchronized void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    /**
     * Ends the sessions of staff members {@code mayStay} does not accept, e.g. those a new roster
     * dropped or made inactive.
     *
     * @return how many sessions ended
     */
    public synchronized int closeUnless(Predicate<String> mayStay) {
        int before = sessions.size();
        sessions.values().removeIf(s -> !mayStay.test(s.staff.id()));
        return before - sessions.size();
    }

    /** Ends every session, e.g. when the screen returns to home or a technician takes over. */
    public synchronized void closeAll() {
        sessions.clear();
    }

    /** The sessions still live now. */
    public synchronized int count() {
        removeExpired(clock.instant());
        return sessions.size();
    }

    private void removeExpired(Instant now) {
        Duration d = idle.get();
        sessions.values().removeIf(s -> s.expiredAt(now, d));
    }

    @Override
    public synchronized String toString() {
        return "StaffSessions[" + sessions.size() + " open, idle " + idle.get() + "]";
    }

    private static final class Session {
        final StaffMember staff;
        Instant lastUsed;

        Session(StaffMember staff, Instant lastUsed) {
            this.staff = staff;
            this.lastUsed = lastUsed;
        }

        boolean expiredAt(Instant now, Duration idle) {
            return !now.isBefore(lastUsed.plus(idle));
        }
    }
}
