package org.jinban.sync.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When the hub was last heard from. A TCP connection can die without either side being told
 * (a NAT drops it, a cable is pulled); the hub's heartbeats prove the line is alive, and three
 * missed periods mean it is not (docs/sync-protocol.md, Liveness).
 *
 * <p>Written by the socket's thread, read by the client's: fields are volatile.
 */
public final class Liveness {

    /** Periods of silence after which the connection counts as dead. */
    public static final int MISSED_PERIODS = 3;

    private volatile Duration heartbeat;
    private volatile Instant lastHeard;

    public Liveness(Duration heartbeat, Instant start) {
        period(heartbeat);
        this.lastHeard = Objects.requireNonNull(start, "start");
    }

    /** A frame of any type arrived. */
    public void heard(Instant now) {
        lastHeard = now;
    }

    /** The hub's heartbeat period changes with its {@code welcome}. */
    public void period(Duration heartbeat) {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat period must be positive: " + heartbeat);
        }
        this.heartbeat = heartbeat;
    }

    public boolean silentTooLong(Instant now) {
        return Duration.between(lastHeard, now).compareTo(heartbeat.multipliedBy(MISSED_PERIODS)) > 0;
    }

    public Instant lastHeard() {
        return lastHeard;
    }

    public Duration period() {
        return heartbeat;
    }
}
