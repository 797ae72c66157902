package org.jinban.provisioning.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskCursorsTest {
    @TempDir
    Path dir;

    @Test
    void aKioskWithoutADatabaseHasAppliedNothing() throws Exception {
        assertEquals(Map.of("appeal-status", 0L, "catalog", 0L, "roster", 0L, "config", 0L, "command", 0L),
                KioskCursors.read(dir));
    }

    @Test
    void theCursorsAreTheOnesTheKioskStored() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(KioskCursors.DATABASE));
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE sync_cursor (stream TEXT PRIMARY KEY, seq INTEGER NOT NULL)");
            st.execute("INSERT INTO sync_cursor VALUES ('catalog', 3), ('command', 9), ('someday', 5)");
        }
        assertEquals(Map.of("appeal-status", 0L, "catalog", 3L, "roster", 0L, "config", 0L, "command", 9L),
                KioskCursors.read(dir));
    }
}
