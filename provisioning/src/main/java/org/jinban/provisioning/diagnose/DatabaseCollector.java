package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The kiosk's SQLite file, opened read-only (never written, never created when missing):
 * {@code PRAGMA integrity_check} within a time limit ({@code quick_check} when it did not
 * finish), the schema version from Flyway's history, row counts per table, the sizes of the
 * file and its {@code -wal} and {@code -shm}, and the free space of its file system. It reads
 * nothing but counts from the tables: the personal-data columns never leave the database. A
 * file that is corrupt or not SQLite at all gives its error text and is reported as a problem.
 */
final class DatabaseCollector implements Collector {
    static final String FILE_NAME = "jinban.db";
    /** At most this many problems listed by integrity_check. */
    static final int MAX_ERRORS = 100;
    /** Below this much free space on the data directory's file system is a problem. */
    static final long LOW_SPACE = 200L * 1024 * 1024;
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path dataDir;
    private final Duration checkLimit;

    DatabaseCollector(Path dataDir, Duration checkLimit) {
        this.dataDir = dataDir;
        this.checkLimit = checkLimit;
    }

    @Override
    public String title() {
        return "database";
    }

    @Override
    public Duration timeLimit() {
        return checkLimit.multipliedBy(2).plusSeconds(60);
    }

    @Override
    public void collect(Section section) throws InterruptedException {
        Path db = dataDir.resolve(FILE_NAME);
        StringBuilder text = new StringBuilder("== files\n");
        sizes(db, text);
        freeSpace(text, section);
        if (!Files.exists(db)) {
            text.append("\nno ").append(db).append(": nothing to check (it is not created by diagnose)\n");
            section.entry("database.txt", text.toString());
            section.notCollected("database", "no " + db + " (the kiosk has not started here yet, or the data"
                    + " directory is wrong: --data-dir)");
            return;
        }
        if (!Files.isReadable(db)) {
            text.append("\n").append(db).append(": permission denied\n");
            section.entry("database.txt", text.toString());
            section.notCollected("database", "permission denied: " + db + " (run diagnose with sudo)");
            return;
        }
        header(db, text, section);
        boolean running = kioskHoldsIt(db);
        text.append("opened read-only").append(running ? ", beside the running kiosk (-wal/-shm present)"
                : ", immutable (no -wal/-shm: the kiosk is stopped; journal_mode then reads as delete)").append('\n');
        try (Connection c = open(db)) {
            text.append("\n== integrity\n");
            integrity(c, text, section);
            text.append("\n== schema\n");
            schema(c, text);
            text.append("\n== rows per table (counts only)\n");
            counts(c, text);
        } catch (SQLException e) {
            text.append("cannot open the database: ").append(e.getMessage()).append('\n');
            section.problem("database: cannot open " + db + ": " + e.getMessage());
        }
        section.entry("database.txt", text.toString());
    }

    /**
     * Read-only: {@code SQLITE_OPEN_READONLY}, no create flag, no pragma that writes. While the
     * kiosk runs, its {@code -wal} and {@code -shm} are there and this reads beside it like any
     * WAL reader. When they are not there the kiosk is stopped and its last close folded the WAL
     * into the file: it is opened {@code immutable}, so that SQLite does not leave a
     * {@code -wal} and {@code -shm} of its own beside it.
     */
    static Connection open(Path db) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        config.setBusyTimeout(5_000);
        boolean running = kioskHoldsIt(db);
        String uri = "file:" + db.toAbsolutePath().toUri().getRawPath() + (running ? "?mode=ro" : "?mode=ro&immutable=1");
        return DriverManager.getConnection("jdbc:sqlite:" + uri, config.toProperties());
    }

    private static boolean kioskHoldsIt(Path db) {
        return Files.exists(sibling(db, "-wal")) || Files.exists(sibling(db, "-shm"));
    }

    private static Path sibling(Path db, String suffix) {
        return db.resolveSibling(db.getFileName() + suffix);
    }

    private static void sizes(Path db, StringBuilder text) {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path p = sibling(db, suffix);
            String size;
            try {
                size = Files.size(p) + " bytes";
            } catch (IOException e) {
                size = Files.exists(p) ? Diagnosis.describe(e) : "absent";
            }
            text.append(p).append(": ").append(size).append('\n');
        }
    }

    private void freeSpace(StringBuilder text, Section section) {
        Path dir = dataDir.toAbsolutePath();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return;
        }
        try {
            FileStore store = Files.getFileStore(dir);
            long free = store.getUsableSpace();
            long total = store.getTotalSpace();
            text.append("file system of ").append(dir).append(": ").append(mb(free)).append(" MB free of ")
                    .append(mb(total)).append(" MB\n");
            section.collected("database file system: " + mb(free) + " MB free of " + mb(total) + " MB");
            if (free < LOW_SPACE) {
                section.problem("disk: only " + mb(free) + " MB free on the file system of " + dir
                        + " (the kiosk needs room to keep what residents file)");
            }
        } catch (IOException e) {
            text.append("free space of ").append(dir).append(": ").append(Diagnosis.describe(e)).append('\n');
        }
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static void header(Path db, StringBuilder text, Section section) {
        try (InputStream in = Files.newInputStream(db)) {
            byte[] head = in.readNBytes(SQLITE_HEADER.length);
            if (!Arrays.equals(head, SQLITE_HEADER)) {
                text.append("header: not an SQLite 3 file\n");
                section.problem("database: " + db + " is not an SQLite database (its header is wrong)");
            }
        } catch (IOException e) {
            text.append("header: ").append(Diagnosis.describe(e)).append('\n');
        }
    }

    private void integrity(Connection c, StringBuilder text, Section section) {
        Check full = check(c, "PRAGMA integrity_check(" + MAX_ERRORS + ")", checkLimit);
        text.append("integrity_check: ").append(full.describe()).append('\n');
        Check result = full;
        if (full.error() != null) {
            // integrity_check gave up at the first unreadable page; quick_check may still list more
            Check quick = check(c, "PRAGMA quick_check(" + MAX_ERRORS + ")", checkLimit);
            text.append("quick_check: ").append(quick.describe()).append('\n');
        } else if (full.timedOut()) {
            Check quick = check(c, "PRAGMA quick_check(" + MAX_ERRORS + ")", checkLimit);
            text.append("quick_check: ").append(quick.describe()).append('\n');
            result = quick;
            if (quick.timedOut()) {
                section.notCollected("database check", "neither integrity_check nor quick_check finished within "
                        + checkLimit.toSeconds() + " s");
                return;
            }
        }
        String which = result == full ? "integrity_check" : "quick_check";
        if (result.ok()) {
            section.collected("database: " + which + " ok");
        } else {
            section.problem("database: " + which + " FAILED: " + result.firstLine()
                    + (result.lines().size() > 1 ? " (and " + (result.lines().size() - 1) + " more, see database.txt)" : ""));
        }
    }

    /** The lines a check pragma returned, or its error, or that it was stopped at its time limit. */
    record Check(List<String> lines, String error, boolean timedOut) {
        boolean ok() {
            return error == null && !timedOut && lines.equals(List.of("ok"));
        }

        String firstLine() {
            return error != null ? error : lines.isEmpty() ? "no result" : lines.getFirst();
        }

        String describe() {
            if (timedOut) {
                return "stopped: did not finish in time";
            }
            if (error != null) {
                return "error: " + error;
            }
            return lines.size() == 1 ? lines.getFirst() : "\n  " + String.join("\n  ", lines);
        }
    }

    static Check check(Connection c, String pragma, Duration limit) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jinban-diagnose-db-timer");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean stopped = new AtomicBoolean();
        try (Statement st = c.createStatement()) {
            ScheduledFuture<?> stop = timer.schedule(() -> {
                stopped.set(true);
                try {
                    st.cancel();
                } catch (SQLException ignored) {
                    // the statement ended meanwhile
                }
            }, limit.toMillis(), TimeUnit.MILLISECONDS);
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(pragma)) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            stop.cancel(false);
            return new Check(lines, null, false);
        } catch (SQLException e) {
            return stopped.get() ? new Check(List.of(), null, true) : new Check(List.of(), e.getMessage(), false);
        } finally {
            timer.shutdownNow();
        }
    }

    private static void schema(Connection c, StringBuilder text) {
        for (String pragma : List.of("page_size", "page_count", "freelist_count", "journal_mode", "user_version")) {
            text.append(pragma).append(": ").append(single(c, "PRAGMA " + pragma)).append('\n');
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, description, installed_on, success"
                     + " FROM flyway_schema_history ORDER BY installed_rank")) {
            text.append("flyway history (version, description, installed on, success):\n");
            while (rs.next()) {
                text.append("  ").append(rs.getString(1)).append(" | ").append(rs.getString(2)).append(" | ")
                        .append(rs.getString(3)).append(" | ").append(rs.getString(4)).append('\n');
            }
        } catch (SQLException e) {
            text.append("flyway history: ").append(e.getMessage()).append('\n');
        }
    }

    private static String single(Connection c, String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "no result";
        } catch (SQLException e) {
            return "error: " + e.getMessage();
        }
    }

    /** {@code count(*)} of every table, each on its own: one damaged table does not hide the others. */
    private static void counts(Connection c, StringBuilder text) {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        } catch (SQLException e) {
            text.append("cannot list the tables: ").append(e.getMessage()).append('\n');
            return;
        }
        for (String table : tables) {
            String quoted = "\"" + table.replace("\"", "\"\"") + "\"";
            text.append(String.format("%-32s %s%n", table, single(c, "SELECT count(*) FROM " + quoted)));
        }
    }
}
