package org.jinban.kiosk.appeal;

/**
 * Where an appeal is (DESIGN.md): {@code SUBMITTED} on the kiosk until the central platform
 * acknowledges it, then {@code RECEIVED} → {@code DISPATCHED} → {@code IN_PROGRESS} →
 * {@code RESOLVED} → {@code CLOSED}, or {@code REJECTED} with a reason.
 */
public enum AppealStatus {
    SUBMITTED, RECEIVED, DISPATCHED, IN_PROGRESS, RESOLVED, CLOSED, REJECTED;

    /** Resolved, closed and rejected appeals have no due time to warn about any more. */
    public boolean finished() {
        return this == RESOLVED || this == CLOSED || this == REJECTED;
    }

    /** Nothing follows a closed or rejected appeal. */
    public boolean terminal() {
        return this == CLOSED || this == REJECTED;
    }
}
