package org.jinban.kiosk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jinban.kiosk.store.Database.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void theSchemaVersionConstantIsTheHighestMigration() throws IOException, URISyntaxException {
        Path migrations = Path.of(getClass().getClassLoader().getResource("db/migration").toURI());
        Pattern name = Pattern.compile("V(\\d+)__.*\\.sql");
        int highest = 0;
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : files.toList()) {
                Matcher m = name.matcher(f.getFileName().toString());
                if (m.matches()) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
        }
        assertEquals(highest, Database.SCHEMA_VERSION,
                "Database.SCHEMA_VERSION must name the newest migration, or Flyway would not run it");
    }

    @Test
    void opensInWalWithFullSyncAndForeignKeysAndMigratesOnce() throws Exception {
        try (Database db = Database.open(dir)) {
            assertEquals(Database.SCHEMA_VERSION, Database.schemaVersion(db.dataSource()));
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                assertEquals("wal", one(st, "PRAGMA journal_mode"));
                assertEquals("2", one(st, "PRAGMA synchronous"), "FULL");
                assertEquals("1", one(st, "PRAGMA foreign_keys"));
                st.executeUpdate("CREATE TABLE marker (x)");
            }
        }
        try (Database again = Database.open(dir); Connection c = again.connection(); Statement st = c.createStatement()) {
            assertEquals("0", one(st, "SELECT count(*) FROM marker"), "reopening keeps the data");
            assertEquals("1", one(st, "SELECT count(*) FROM flyway_schema_history WHERE version = '1'"));
        }
        assertTrue(Files.exists(dir.resolve(Database.FILE_NAME)));
    }

    @Test
    void truncatingTheWalWaitsOutAReaderThatHoldsIt() throws Exception {
        try (Database db = Database.open(dir)) {
            db.inTransaction("write", c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("CREATE TABLE t (x TEXT)");
                    st.executeUpdate("INSERT INTO t VALUES ('a page a purge overwrites')");
                }
                return null;
            });
            Path wal = dir.resolve(Database.FILE_NAME + "-wal");
            assertTrue(Files.size(wal) > 0);
            Connection reader = db.connection();
            reader.setAutoCommit(false);
            try (Statement st = reader.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
                rs.next(); // a read transaction now holds the WAL
            }
            assertFalse(db.truncateWal(1, Duration.ofMillis(10)), "busy while the reader holds the WAL");
            Thread release = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(300);
                    reader.commit();
                    reader.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(db.truncateWal(20, Duration.ofMillis(100)), "emptied once the reader is done");
            release.join();
            assertEquals(0, Files.size(wal));
        }
    }

    @Test
    void aRelaxedCommitIsAtomicAndLeavesEveryConnectionAtFullSync() throws Exception {
        try (Database db = Database.open(dir)) {
            db.inTransaction("make a table", c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("CREATE TABLE t (x INTEGER)");
                }
                return null;
            });
            db.inRelaxedTransaction("write", c -> {
                try (Statement st = c.createStatement()) {
                    try (ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
                        rs.next();
                        assertEquals(1, rs.getInt(1), "NORMAL while it runs");
                    }
                    st.executeUpdate("INSERT INTO t VALUES (1)");
                }
                return null;
            });
            org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, () -> db.inRelaxedTransaction("fail",
                    c -> {
                        try (Statement st = c.createStatement()) {
                            st.executeUpdate("INSERT INTO t VALUES (2)");
                            st.executeUpdate("INSERT INTO no_such_table VALUES (3)");
                        }
                        return null;
                    }));
            java.util.List<Connection> all = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    all.add(db.connection());
                }
                for (Connection c : all) {
                    try (Statement st = c.createStatement()) {
                        assertEquals("2", one(st, "PRAGMA synchronous"), "back to FULL on every pooled connection");
                        assertEquals("1", one(st, "SELECT group_concat(x) FROM t"), "the failed one rolled back whole");
                    }
                }
            } finally {
                for (Connection c : all) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aLargeTransactionCommitsAtTheDurabilityAskedAndLeavesTheConnectionAtFullSync() throws Exception {
        try (Database db = Database.open(dir)) {
            db.inTransaction("make a table", c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("CREATE TABLE t (x INTEGER)");
                }
                return null;
            });
            for (Database.Durability durability : Database.Durability.values()) {
                String during = db.inLargeTransaction("write", durability, c -> {
                    try (Statement st = c.createStatement()) {
                        st.executeUpdate("INSERT INTO t VALUES (1)");
                        try (ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
                            rs.next();
                            return rs.getString(1);
                        }
                    }
                });
                assertEquals(durability == Database.Durability.FULL ? "2" : "1", during, durability.name());
                org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, () -> db.inLargeTransaction("fail",
                        durability, c -> {
                            try (Statement st = c.createStatement()) {
                                st.executeUpdate("INSERT INTO t VALUES (2)");
                                st.executeUpdate("INSERT INTO no_such_table VALUES (3)");
                            }
                            return null;
                        }));
            }
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                assertEquals("2", one(st, "PRAGMA synchronous"), "back to FULL");
                assertEquals("1,1", one(st, "SELECT group_concat(x) FROM t"), "the failed ones rolled back whole");
            }
        }
    }

    @Test
    void writersFromManyThreadsAllGetTheirTurn() throws Exception {
        try (Database db = Database.open(dir)) {
            db.inTransaction("make a table", c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("CREATE TABLE counter (n INTEGER)");
                    st.executeUpdate("INSERT INTO counter VALUES (0)");
                }
                return null;
            });
            int threads = 8;
            int each = 150;
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
                java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    boolean relaxed = t % 4 == 0;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            Work<Void> increment = c -> {
                                long n;
                                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                                        "SELECT n FROM counter")) {
                                    rs.next();
                                    n = rs.getLong(1);
                                }
                                try (Statement st = c.createStatement()) {
                                    st.executeUpdate("UPDATE counter SET n = " + (n + 1));
                                }
                                return null;
                            };
                            if (relaxed) {
                                db.inRelaxedTransaction("count", increment);
                            } else {
                                db.inTransaction("count", increment);
                            }
                        }
                        return null;
                    }));
                }
                for (var f : done) {
                    f.get(); // a writer that lost its turn would throw here
                }
            }
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                assertEquals(String.valueOf(threads * each), one(st, "SELECT n FROM counter"),
                        "every read-then-write counted once");
            }
        }
    }

    private static String one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
