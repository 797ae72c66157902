package org.jinban.kiosk.audit;

import java.util.OptionalLong;

/**
 * What a walk along the audit chain found.
 *
 * @param intact   every record links to the one before and hashes to what it says
 * @param records  how many records the log holds
 * @param brokenAt the seq of the first record that does not, if any
 */
public record Verification(boolean intact, long records, OptionalLong brokenAt) {
    public Verification {
        if (intact == brokenAt.isPresent()) {
            throw new IllegalArgumentException("a chain is intact exactly when nothing is broken");
        }
    }

    static Verification intact(long records) {
        return new Verification(true, records, OptionalLong.empty());
    }

    static Verification broken(long records, long at) {
        return new Verification(false, records, OptionalLong.of(at));
    }
}
