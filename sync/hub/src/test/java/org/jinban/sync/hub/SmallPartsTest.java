package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The hub's small helpers: credentials, the malformed-frame budget, serial work, config checks. */
class SmallPartsTest {
    @Test
    void credentialsAreRandomAndOnlyTheirHashIsNeeded() {
        String a = Credentials.newCredential();
        assertNotEquals(a, Credentials.newCredential());
        assertEquals(64, Credentials.hash(a).length());
        assertTrue(Credentials.matches(a, Credentials.hash(a)));
        assertFalse(Credentials.matches(a + "x", Credentials.hash(a)));
    }

    @Test
    void theEleventhMalformedFrameInAMinuteExceedsTheBudget() {
        MalformedBudget budget = new MalformedBudget();
        long t = 0;
        for (int i = 0; i < 10; i++) {
            assertFalse(budget.exceededBy(t += 1_000_000_000L));
        }
        assertTrue(budget.exceededBy(t += 1_000_000_000L));
        MalformedBudget slow = new MalformedBudget();
        for (int i = 0; i < 30; i++) {
            assertFalse(slow.exceededBy(i * 7_000_000_000L), "one every 7 s is within budget");
        }
    }

    @Test
    void serialWorkRunsInOrderOneAtATime() throws Exception {
        SerialExecutor serial = new SerialExecutor(Executors.newVirtualThreadPerTaskExecutor());
        List<Integer> seen = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            serial.execute(() -> seen.add(n));
        }
        serial.execute(() -> {
            throw new IllegalStateException("a failing task does not stop the next");
        });
        serial.execute(done::countDown);
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(1_000, seen.size());
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void aBadConfigNamesItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HubConfig(0, Path.of("x"), 0, 100));
        assertTrue(e.getMessage().startsWith("heartbeatSeconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HubConfig(70_000, Path.of("x"), 1, 1))
                .getMessage().startsWith("port"));
    }
}
