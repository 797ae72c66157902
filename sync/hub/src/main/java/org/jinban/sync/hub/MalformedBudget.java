package org.jinban.sync.hub;

import java.util.ArrayDeque;

import org.jinban.sync.protocol.CloseCodes;

/**
 * Counts a connection's malformed frames over the last minute: a peer may err now and then
 * and is told so each time, but more than ten in a minute is a broken or hostile peer, closed 1008.
 */
final class MalformedBudget {
    private static final long WINDOW_NANOS = 60_000_000_000L;
    private final ArrayDeque<Long> seen = new ArrayDeque<>();

    /** Records one malformed frame at {@code nowNanos}; true when that exceeds the budget. */
    boolean exceededBy(long nowNanos) {
        seen.addLast(nowNanos);
        while (!seen.isEmpty() && nowNanos - seen.peekFirst() >= WINDOW_NANOS) {
            seen.removeFirst();
        }
        return seen.size() > CloseCodes.MAX_MALFORMED_PER_MINUTE;
    }
}
