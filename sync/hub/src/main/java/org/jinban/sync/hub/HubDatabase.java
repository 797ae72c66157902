package org.jinban.sync.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

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
        try (Connection c = pool.getConnection()) {
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
        } catch (SQLException e) {
            throw new HubException("cannot " + what + ": " + e.getMessage(), e);
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
