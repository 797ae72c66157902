package org.jinban.kiosk.staff;

import java.time.Instant;

/** How a staff login with badge and PIN ended; the HTTP layer turns each into its answer. */
public sealed interface LoginResult {
    /** The badge is active and the PIN right. */
    record Success(StaffMember staff) implements LoginResult {
    }

    /**
     * Unknown or inactive badge, or a wrong PIN; the two are not told apart.
     *
     * @param attemptsLeft wrong PINs left before the badge is locked
     */
    record BadCredentials(int attemptsLeft) implements LoginResult {
    }

    /** Too many wrong PINs: no login with this badge, even with the right PIN, before {@code until}. */
    record Locked(Instant until) implements LoginResult {
    }

    /**
     * The badge text or the PIN is not of a form that could ever be right; nothing was counted.
     *
     * @param field {@code badge} or {@code pin}
     */
    record Malformed(String field, String message) implements LoginResult {
    }
}
