package org.jinban.kiosk.appeal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class WarningTest {
    private static final Instant FILED = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant DUE = FILED.plus(Duration.ofDays(10));

    @Test
    void blueWhileThereIsTimeYellowInTheLastFifthOrDayRedWhenOverdue() {
        assertEquals(Warning.BLUE, Warning.of(AppealStatus.SUBMITTED, FILED, DUE, FILED.plus(Duration.ofDays(7))));
        assertEquals(Warning.YELLOW, Warning.of(AppealStatus.DISPATCHED, FILED, DUE, FILED.plus(Duration.ofDays(9))));
        assertEquals(Warning.RED, Warning.of(AppealStatus.IN_PROGRESS, FILED, DUE, DUE));
        assertEquals(Warning.RED, Warning.of(AppealStatus.IN_PROGRESS, FILED, DUE, DUE.plusSeconds(1)));
    }

    @Test
    void aShortHandlingTimeTurnsYellowADayBeforeItsDue() {
        Instant due = FILED.plus(Duration.ofDays(2));
        assertEquals(Warning.BLUE, Warning.of(AppealStatus.RECEIVED, FILED, due, FILED.plus(Duration.ofHours(23))));
        assertEquals(Warning.YELLOW, Warning.of(AppealStatus.RECEIVED, FILED, due, FILED.plus(Duration.ofHours(25))));
    }

    @Test
    void finishedAppealsHaveNoWarning() {
        for (AppealStatus s : new AppealStatus[] {AppealStatus.RESOLVED, AppealStatus.CLOSED, AppealStatus.REJECTED}) {
            assertNull(Warning.of(s, FILED, DUE, DUE.plus(Duration.ofDays(30))));
        }
    }
}
