package org.jinban.kiosk.appeal;

import java.time.Duration;
import java.time.Instant;

/**
 * 红黄蓝三色预警: an open appeal's colour against its due time. Yellow once less than a fifth
 * of the handling time (or less than a day) is left, red once it is overdue.
 */
public enum Warning {
    BLUE, YELLOW, RED;

    private static final Duration CLOSE = Duration.ofHours(24);

    /** The colour at {@code now}, or null for an appeal that no longer runs against a due time. */
    public static Warning of(AppealStatus status, Instant filedAt, Instant dueAt, Instant now) {
        if (status.finished()) {
            return null;
        }
        if (!now.isBefore(dueAt)) {
            return RED;
        }
        Duration left = Duration.between(now, dueAt);
        Duration fifth = Duration.between(filedAt, dueAt).dividedBy(5);
        return left.compareTo(fifth) < 0 || left.compareTo(CLOSE) < 0 ? YELLOW : BLUE;
    }
}
