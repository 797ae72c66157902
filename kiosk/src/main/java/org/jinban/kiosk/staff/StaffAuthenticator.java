package org.jinban.kiosk.staff;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a staff login: the badge's QR text ({@code JBSTAFF:<id>}) and a PIN.
 *
 * <p>Five wrong PINs lock a badge for fifteen minutes; a locked badge is refused even with the
 * right PIN. An unknown or inactive badge is answered exactly like a real one with a wrong PIN
 * (after a PBKDF2 run on a dummy hash, counting down and locking the same way, in memory), so
 * that neither the answers nor their time tell which badges exist.
 */
public final class StaffAuthenticator {
    public static final int MAX_FAILURES = 5;
    public static final Duration LOCK = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(StaffAuthenticator.class);
    private static final Pattern BADGE = Pattern.compile("JBSTAFF:([A-Za-z0-9-]{1,32})");
    private static final Pattern PIN = Pattern.compile("[0-9]{4,8}");

    private final StaffStore store;
    private final PinHasher hasher;
    private final Clock clock;
    /** What an unknown badge's PIN is checked against; no PIN typed at the kiosk can match it. */
    private final String dummyHash;
    /** Wrong PINs of badges that do not exist, counted like real ones (bounded: oldest dropped). */
    private final Map<String, Unknown> unknown = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Unknown> eldest) {
            return size() > 256;
        }
    };

    private record Unknown(int failures, Instant lockedUntil) {
    }

    public StaffAuthenticator(StaffStore store, PinHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hasher.hash(HexFormat.of().formatHex(random));
    }

    public LoginResult login(String badgeQr, String pin) {
        Matcher badge = badgeQr == null ? null : BADGE.matcher(badgeQr.strip());
        if (badge == null || !badge.matches()) {
            return new LoginResult.Malformed("badge", "not a staff badge: expected JBSTAFF: and an id of up to 32"
                    + " letters, digits or hyphens");
        }
        if (pin == null || !PIN.matcher(pin).matches()) {
            return new LoginResult.Malformed("pin", "a PIN is 4 to 8 digits");
        }
        String id = badge.group(1);
        Optional<StoredStaff> found = store.find(id).filter(StoredStaff::active);
        if (found.isEmpty()) {
            hasher.verify(pin, dummyHash);
            LOG.info("Refused a staff login: unknown or inactive badge");
            return unknownBadge(id);
        }
        StoredStaff staff = found.get();
        if (staff.lockedAt(clock.instant())) {
            return new LoginResult.Locked(staff.lockedUntil());
        }
        if (hasher.verify(pin, staff.pinHash())) {
            store.recordSuccess(id);
            return new LoginResult.Success(staff.member());
        }
        int failures = store.recordFailure(id);
        if (failures < MAX_FAILURES) {
            return new LoginResult.BadCredentials(MAX_FAILURES - failures);
        }
        Instant until = store.find(id).map(StoredStaff::lockedUntil).orElseGet(() -> clock.instant().plus(LOCK));
        LOG.warn("Staff badge {} locked until {} after {} wrong PINs", id, until, MAX_FAILURES);
        return new LoginResult.Locked(until);
    }

    private synchronized LoginResult unknownBadge(String id) {
        Instant now = clock.instant();
        Unknown before = unknown.get(id);
        if (before != null && before.lockedUntil() != null && now.isBefore(before.lockedUntil())) {
            return new LoginResult.Locked(before.lockedUntil());
        }
        int failures = before == null || before.lockedUntil() != null ? 1 : before.failures() + 1;
        if (failures < MAX_FAILURES) {
            unknown.put(id, new Unknown(failures, null));
            return new LoginResult.BadCredentials(MAX_FAILURES - failures);
        }
        Instant until = now.plus(LOCK);
        unknown.put(id, new Unknown(0, until));
        return new LoginResult.Locked(until);
    }
}
