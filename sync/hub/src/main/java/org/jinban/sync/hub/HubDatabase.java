package org.jinban.sync.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The hub's SQLite file: WAL, {@code synchronous=FULL} (an ack promises the record survives a
 * power cut), write lock taken when a transaction begins (so seq assignment never races),
 * schema from Flyway's {@code db/hub}, kept apart from the kiosk's {@code db/migration}.
 */
final class HubDatabase implements AutoCloseable {
    static final String FILE_NAME = "hub.db";

    private final HikariDataSource pool;
    /**
     * Writers queue here, one at a time, not at SQLite's write lock: a connection waiting for
     * that lock sleeps in SQLite's busy handler inside native code, which pins its virtual
     * thread's carrier, and the hub has only as many carriers as cores, so a few waiters stalled
     * every connection (issue 5's fleet benchmark: push → ack p99 of seconds at 1,000 kiosks).
     * A virtual thread waiting on this lock lets its carrier go.
     */
    private final ReentrantLock writer = new ReentrantLock(true);
    /** As long as a writer waits before the hub gives up (close 1011, the kiosk sends again). */
    private static final Duration WRITE_WAIT = Duration.ofSeconds(10);

    private HubDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    static HubDatabase open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new HubException("cannot create the hub's data directory " + dataDir, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(5_000);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource direct = new SQLiteDataSource(sqlite);
        direct.setUrl("jdbc:sqlite:" + file);
        Flyway.configure()
                .dataSource(direct)
                .locations("classpath:db/hub")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("jinban-hub-db");
        hikari.setDataSource(direct);
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(10_000);
        return new HubDatabase(new HikariDataSource(hikari));
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction and commits it durably; rolls back on any failure. */
    <T> T inTransaction(String what, Work<T> work) {
        lockWrites(what);
        try {
            return transaction(what, work);
        } finally {
            writer.unlock();
        }
    }

    /**
     * Runs {@code work} in one transaction committed without waiting for the disk
     * ({@code synchronous=NORMAL} in WAL: consistent, and durable with the next full commit or
     * checkpoint). Only for writes nobody was promised, whose loss in a power cut costs nothing:
     * a kiosk's last contact and the hub's copy of a cursor the kiosk itself holds. At one per
     * heartbeat and per cursor, fsync'ing them bounded how many kiosks one hub serves.
     */
    <T> T inRelaxedTransaction(String what, Work<T> work) {
        lockWrites(what);
        try (Connection c = pool.getConnection()) {
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
        } catch (SQLException e) {
            throw new HubException("cannot " + what + ": " + e.getMessage(), e);
        } finally {
            writer.unlock();
        }
    }

    private void lockWrites(String what) {
        try {
            if (!writer.tryLock(WRITE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new HubException("cannot " + what + ": the database stayed busy for " + WRITE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("cannot " + what + ": interrupted while waiting to write", e);
        }
    }

    private <T> T transaction(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return transaction(c, work);
        } catch (SQLException e) {
            throw new HubException("cannot " + what + ": " + e.getMessage(), e);
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

    <T> T read(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new HubException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
