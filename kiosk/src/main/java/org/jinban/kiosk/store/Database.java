package org.jinban.kiosk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The kiosk's one SQLite file: WAL journal, {@code synchronous=FULL} (a resident told that
 * something is saved must find it after a power cut), foreign keys on, schema migrated by
 * Flyway before anything else touches it.
 *
 * <p>Connections come from a small HikariCP pool: WAL lets readers run beside the one writer,
 * and a pooled connection keeps SQLite's page cache warm between requests.
 */
public final class Database implements AutoCloseable {
    public static final String FILE_NAME = "jinban.db";
    /**
     * The highest migration under {@code db/migration}; a test keeps the two equal. Flyway runs
     * only when the database is older: loading Flyway costs a few hundred milliseconds of every
     * start on a Raspberry Pi, and a kiosk restarted by its watchdog should be back at once.
     */
    public static final int SCHEMA_VERSION = 9;

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Duration WRITE_WAIT = Duration.ofSeconds(30);
    /** SQLite's default: a commit that leaves more WAL pages than this checkpoints them. */
    private static final int AUTOCHECKPOINT_PAGES = 1000;

    private final HikariDataSource pool;
    private final Path file;
    private final ReentrantLock writes = new ReentrantLock(true);
    /** Checkpoints after {@link #inLargeTransaction}; its one thread starts with the first. */
    private final ExecutorService checkpoints = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("jinban-db-checkpoint").daemon().factory());

    private Database(HikariDataSource pool, Path file) {
        this.pool = pool;
        this.file = file;
    }

    /** Opens (creating if needed) the database in {@code dataDir} and migrates its schema. */
    public static Database open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(5_000);
        // A transaction takes the write lock when it begins: one that read first and wrote later
        // could otherwise fail at once (SQLITE_BUSY_SNAPSHOT) if another writer got in between,
        // instead of waiting its turn within the busy timeout.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Deleted and overwritten content is zeroed, not left in free pages: a purge of personal
        // data must not leave its old ciphertext lying in the file.
        sqlite.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        SQLiteDataSource direct = new SQLiteDataSource(sqlite);
        direct.setUrl("jdbc:sqlite:" + file);

        if (schemaVersion(direct) < SCHEMA_VERSION) {
            Flyway.configure()
                    .dataSource(direct)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        }

        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("jinban-db");
        hikari.setDataSource(direct);
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(10_000);
        return new Database(new HikariDataSource(hikari), file);
    }

    /** The highest schema version Flyway applied successfully, 0 for a new database. */
    static int schemaVersion(DataSource ds) {
        try (Connection c = ds.getConnection();
             Statement st = c.createStatement();
             ResultSet exists = st.executeQuery(
                     "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'")) {
            if (!exists.next()) {
                return 0;
            }
            try (Statement q = c.createStatement();
                 ResultSet rs = q.executeQuery("SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history"
                         + " WHERE success = 1 AND version IS NOT NULL")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version of the database", e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public Path file() {
        return file;
    }

    /** Work on one connection; a store's SQL. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction (it takes the write lock as it begins) and commits;
     * rolls back on any failure. Under {@code synchronous=FULL}, once this returns the change
     * survives a power cut.
     *
     * @param what what the work does, for the message of a failure
     */
    public <T> T inTransaction(String what, Work<T> work) {
        return asWriter(what, c -> transaction(c, work));
    }

    /**
     * Runs {@code onConnection} on one connection while holding this process's write lock
     * (see {@link #lockWrites}); an {@link SQLException} becomes a {@link StoreException} naming
     * {@code what}.
     */
    private <T> T asWriter(String what, Work<T> onConnection) {
        lockWrites(what);
        try (Connection c = connection()) {
            return onConnection.run(c);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        } finally {
            writes.unlock();
        }
    }

    /**
     * SQLite lets one writer in at a time, and its busy handler is not fair: under a burst
     * (residents filing, receipts printing, the sync's acks) a waiting writer can lose again and
     * again until its busy timeout and fail. Writers of this process queue here instead, first
     * come first served; the busy timeout stays as the backstop for anything outside it.
     */
    private void lockWrites(String what) {
        try {
            if (!writes.tryLock(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreException("cannot " + what + ": the database stayed busy for " + WRITE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("cannot " + what + ": interrupted while waiting for the database");
        }
    }

    private static <T> T transaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * As {@link #inTransaction}, but the commit does not wait for the disk ({@code synchronous=NORMAL}
     * for this one commit). In WAL mode the change is still atomic and reaches the disk with the
     * next full commit or checkpoint; only a power cut in between can lose it. For bookkeeping
     * whose loss errs on the safe side (a receipt marked printed: lost, it reads as owed and staff
     * print one more), so that it does not cost the fsync a resident's filing waits for.
     */
    public <T> T inRelaxedTransaction(String what, Work<T> work) {
        return asWriter(what, c -> transaction(c, Durability.RELAXED, work));
    }

    /** Whether a commit waits for the disk. */
    public enum Durability {
        /** {@code synchronous=FULL}: once committed, the change survives a power cut. */
        FULL,
        /**
         * {@code synchronous=NORMAL} for this one commit: atomic, and on disk with the next full
         * commit or checkpoint; a power cut before that takes the whole change back. Only for
         * what is not lost then: bookkeeping that errs on the safe side, or what the centre
         * sends again because the sync cursor committed with it went back too.
         */
        RELAXED
    }

    /** {@link #transaction(Connection, Work)} at {@code durability}, the connection left at FULL. */
    private static <T> T transaction(Connection c, Durability durability, Work<T> work) throws SQLException {
        if (durability == Durability.FULL) {
            return transaction(c, work);
        }
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA synchronous = NORMAL");
        }
        try {
            return transaction(c, work);
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA synchronous = FULL");
            }
        }
    }

    /**
     * As {@link #inTransaction}, for one large change (a catalog version: 100 MB of WAL). The
     * commit is as durable as {@code durability} says, but does not also copy the WAL into the
     * database file before returning, as SQLite's automatic checkpoint would (seconds on a busy
     * disk); a passive checkpoint on another thread does that right after, beside readers and
     * writers, and syncs the WAL first if the commit did not.
     */
    public <T> T inLargeTransaction(String what, Durability durability, Work<T> work) {
        T result = asWriter(what, c -> {
            autocheckpoint(c, 0);
            try {
                return transaction(c, durability, work);
            } finally {
                autocheckpoint(c, AUTOCHECKPOINT_PAGES);
            }
        });
        try {
            checkpoints.execute(this::checkpoint);
        } catch (RejectedExecutionException closing) {
            // the database is closing: the next open, or the next commit, checkpoints
        }
        return result;
    }

    private static void autocheckpoint(Connection c, int pages) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_autocheckpoint = " + pages);
        }
    }

    private void checkpoint() {
        try (Connection c = connection(); Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            LOG.warn("cannot checkpoint the WAL now; the next commit will: {}", e.getMessage());
        }
    }

    /**
     * Copies the WAL into the database file and empties it ({@code wal_checkpoint(TRUNCATE)}), so
     * that pages a purge overwrote leave the disk. SQLite answers "busy" instead of waiting while
     * another checkpoint (the one after a catalog version) or a reader holds the WAL: tried again
     * every {@code pause}, up to {@code attempts} times.
     *
     * @return whether the WAL was emptied; if not, the next checkpoint does it
     */
    public boolean truncateWal(int attempts, Duration pause) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (Connection c = connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                if (rs.next() && rs.getInt(1) == 0) {
                    return true;
                }
            } catch (SQLException e) {
                LOG.warn("cannot checkpoint the WAL now: {}", e.getMessage());
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** Runs {@code work} on a connection of the pool, outside any explicit transaction. */
    public <T> T read(String what, Work<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        checkpoints.shutdown();
        try {
            checkpoints.awaitTermination(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
    }
}
