package org.jinban.provisioning.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCollectorTest {
    @TempDir
    Path dir;

    @Test
    void aLongLogKeepsItsLastWholeLinesWithinTheBounds() throws Exception {
        Path log = dir.resolve("kiosk.log");
        try (BufferedWriter w = Files.newBufferedWriter(log)) {
            for (int i = 0; i < 60_000; i++) {
                w.write("2026-11-23 10:00:00.000 INFO  [main] o.j.k.Kiosk - line " + i + " " + "x".repeat(100) + "\n");
            }
        }
        LogsCollector.Tail tail = LogsCollector.tail(log);
        assertTrue(tail.cut());
        assertEquals(LogsCollector.MAX_LINES, tail.lines());
        assertTrue(tail.text().length() <= LogsCollector.MAX_BYTES, "" + tail.text().length());
        assertTrue(tail.text().startsWith("2026-11-23"), tail.text().substring(0, 40));
        assertTrue(tail.text().endsWith("line 59999 " + "x".repeat(100) + "\n"));
    }

    @Test
    void theJournalGoesThroughTheScrubberAndAMissingJournalctlIsSaid() throws Exception {
        Section withJournal = new Section("logs");
        new LogsCollector(dir, List.of("sh", "-c", "printf 'kiosk[42]: sms to 139%s failed\\n' 12345678")).collect(withJournal);
        String journal = new String(withJournal.entries().get("logs/journal.txt"));
        assertFalse(journal.contains("13912345678"), journal);
        assertTrue(journal.contains(PersonalDataScrubber.PHONE_MASK), journal);
        assertEquals(1, withJournal.problems().size(), withJournal.problems().toString());

        Section without = new Section("logs");
        new LogsCollector(dir.resolve("none"), List.of("no-such-journalctl-here")).collect(without);
        assertTrue(without.notCollected().stream().anyMatch(l -> l.startsWith("journal: no-such-journalctl-here is not available")),
                without.notCollected().toString());
        assertTrue(without.notCollected().stream().anyMatch(l -> l.contains("no log directory")), without.notCollected().toString());
        assertTrue(without.problems().isEmpty());
    }
}
