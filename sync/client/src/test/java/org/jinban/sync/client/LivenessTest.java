package org.jinban.sync.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LivenessTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void silentOnlyAfterThreeHeartbeatPeriods() {
        Liveness l = new Liveness(Duration.ofSeconds(15), T0);
        assertFalse(l.silentTooLong(T0.plusSeconds(45)));
        assertTrue(l.silentTooLong(T0.plusSeconds(46)));
    }

    @Test
    void anyFrameResetsTheSilence() {
        Liveness l = new Liveness(Duration.ofSeconds(15), T0);
        l.heard(T0.plusSeconds(40));
        assertFalse(l.silentTooLong(T0.plusSeconds(80)));
        assertTrue(l.silentTooLong(T0.plusSeconds(86)));
    }

    @Test
    void theWelcomePeriodApplies() {
        Liveness l = new Liveness(Duration.ofSeconds(15), T0);
        l.period(Duration.ofSeconds(1));
        assertTrue(l.silentTooLong(T0.plusSeconds(4)));
    }
}
