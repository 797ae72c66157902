package org.jinban.kiosk.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock a test moves by hand: due times, warnings, lockouts and purges without waiting. */
public final class TestClock extends Clock {
    private volatile Instant now;
    private final ZoneId zone;

    public TestClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /** A clock in UTC at {@code start}. */
    public TestClock(Instant start) {
        this(start, ZoneId.of("UTC"));
    }

    public static TestClock shanghai(String instant) {
        return new TestClock(Instant.parse(instant), ZoneId.of("Asia/Shanghai"));
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new TestClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
