package org.jinban.provisioning.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

class DiagnosisTest {
    @Test
    void aCollectorThatFailsIsWrittenAsItsErrorAndWhatItHadIsKept() {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Section section = Diagnosis.run(executor, new Collector() {
                @Override
                public String title() {
                    return "broken";
                }

                @Override
                public void collect(Section s) {
                    s.entry("broken.txt", "half");
                    throw new IllegalStateException("boom on purpose");
                }
            });
            assertEquals("half", new String(section.entries().get("broken.txt")));
            assertTrue(new String(section.entries().get("errors/broken.txt")).contains("boom on purpose"));
            assertEquals("broken: failed: boom on purpose", section.notCollected().getFirst());
        }
    }

    @Test
    void aCollectorThatHangsIsAbandonedAtItsLimitAndCannotWriteAfterwards() {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            Section section = Diagnosis.run(executor, new Collector() {
                @Override
                public String title() {
                    return "slow";
                }

                @Override
                public Duration timeLimit() {
                    return Duration.ofMillis(300);
                }

                @Override
                public void collect(Section s) {
                    while (true) {
                        Thread.onSpinWait();
                        if (Thread.currentThread().isInterrupted()) {
                            s.entry("late.txt", "too late");
                            s.problem("too late");
                            return;
                        }
                    }
                }
            });
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
            assertTrue(section.notCollected().getFirst().startsWith("slow: did not finish within"),
                    section.notCollected().toString());
            assertTrue(section.entries().isEmpty());
            assertTrue(section.problems().isEmpty());
        }
    }
}
