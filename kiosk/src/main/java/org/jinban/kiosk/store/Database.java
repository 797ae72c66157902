package org.jinban.kiosk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
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

    private final HikariDataSource pool;
    private final Path file;

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
        SQLiteDataSource direct = new SQLiteDataSource(sqlite);
        direct.setUrl("jdbc:sqlite:" + file);

        Flyway.configure()
                .dataSource(direct)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();

        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("jinban-db");
        hikari.setDataSource(direct);
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(10_000);
        return new Database(new HikariDataSource(hikari), file);
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

    @Override
    public void close() {
        pool.close();
    }
}
