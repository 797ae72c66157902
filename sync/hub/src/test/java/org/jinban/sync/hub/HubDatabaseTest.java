package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubDatabaseTest {
    @TempDir
    Path data;

    /**
     * A second writer must wait in Java, parked, not inside SQLite's busy handler: that one
     * sleeps in native code, which holds a virtual thread's carrier (and the hub has as many
     * carriers as cores).
     */
    @Test
    void aWriterWaitingForAnotherIsParkedInJavaNotBusyInSqlite() throws Exception {
        try (HubDatabase db = HubDatabase.open(data)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread first = Thread.ofPlatform().start(() -> db.inTransaction("hold the write lock", c -> {
                try (var st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO kiosk (id, credential_hash, enrolled_at) VALUES ('K-1', 'h', 'now')");
                }
                inside.countDown();
                await(release);
                return null;
            }));
            inside.await(5, TimeUnit.SECONDS);
            Thread second = Thread.ofPlatform().start(() -> db.inTransaction("write after it", c -> {
                try (var st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO kiosk (id, credential_hash, enrolled_at) VALUES ('K-2', 'h', 'now')");
                }
            }));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (second.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // Give a second writer in SQLite's busy handler time to show itself as RUNNABLE (native sleep).
            Thread.sleep(200);
            assertEquals(Thread.State.TIMED_WAITING, second.getState(), "the second writer waits parked");
            release.countDown();
            first.join(5_000);
            second.join(5_000);
            int kiosks = db.read("count kiosks", c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM kiosk")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(2, kiosks, "both writes committed");
        }
    }

    /** A relaxed write skips the fsync, and leaves no durable write after it relaxed. */
    @Test
    void onlyTheRelaxedTransactionRunsWithoutFullSync() {
        try (HubDatabase db = HubDatabase.open(data)) {
            for (int round = 0; round < 3; round++) {
                assertEquals(1, db.inRelaxedTransaction("read synchronous", HubDatabaseTest::synchronous), "NORMAL");
                assertEquals(2, db.inTransaction("read synchronous", HubDatabaseTest::synchronous), "FULL");
                assertEquals(2, db.read("read synchronous", HubDatabaseTest::synchronous), "FULL");
            }
        }
    }

    private static int synchronous(java.sql.Connection c) throws java.sql.SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("PRAGMA synchronous")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
