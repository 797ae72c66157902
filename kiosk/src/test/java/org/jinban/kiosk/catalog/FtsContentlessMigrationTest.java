package org.jinban.kiosk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.testing.OlderSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * V9 makes the FTS tables contentless: what a kiosk already indexed is found as before, a delta
 * can still delete an item's rows, and the tables keep their hashsize.
 */
class FtsContentlessMigrationTest {
    @TempDir
    Path dir;

    @Test
    void theIndexHeldBeforeIsFoundAfterAndRowsCanStillBeDeleted() throws Exception {
        SQLiteDataSource v8 = OlderSchema.at(dir, 8);
        try (Connection c = v8.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO catalog_fts_name (rowid, name, name_pinyin, name_syn) VALUES"
                    + " (1048576, '老年人优待证办理', 'laonianrenyoudaizhengbanli | lnrydzbl', '长者 | zhangzhe | zz'),"
                    + " (2097152, '居住证办理', 'juzhuzhengbanli | jzzbl', '')");
            st.executeUpdate("INSERT INTO catalog_fts_keyword (rowid, keywords, keywords_syn) VALUES"
                    + " (1048576, '老年证 | laonianzheng | lnz', ''), (2097152, '暂住 | zanzhu | zz', '')");
            st.executeUpdate("INSERT INTO catalog_fts_material (rowid, materials, materials_syn) VALUES"
                    + " (2097152, '户口簿 | household register', '')");
        }

        try (Database db = Database.open(dir); Connection c = db.connection(); Statement st = c.createStatement()) {
            assertEquals(List.of(1048576L, 2097152L), match(c, "catalog_fts_name", "\"证办理\""));
            assertEquals(List.of(1048576L), match(c, "catalog_fts_name", "\"youdai\""));
            assertEquals(List.of(1048576L), match(c, "catalog_fts_name", "name_syn : \"zhangzhe\""));
            assertEquals(List.of(2097152L), match(c, "catalog_fts_keyword", "\"zanzhu\""));
            assertEquals(List.of(2097152L), match(c, "catalog_fts_material", "\"户口簿\""));
            try (ResultSet rs = st.executeQuery("SELECT name FROM catalog_fts_name WHERE rowid = 1048576")) {
                rs.next();
                assertNull(rs.getString(1), "contentless: the texts are not kept a second time");
            }

            st.executeUpdate("DELETE FROM catalog_fts_name WHERE rowid = 2097152");
            assertEquals(List.of(1048576L), match(c, "catalog_fts_name", "\"证办理\""));
            for (String table : ItemIndex.FTS_TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT v FROM " + table + "_config WHERE k = 'hashsize'")) {
                    rs.next();
                    assertEquals(33_554_432, rs.getLong(1), table);
                }
            }
        }
    }

    private static List<Long> match(Connection c, String table, String query) throws Exception {
        List<Long> rowids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rowid FROM " + table + " WHERE " + table + " MATCH ? ORDER BY rowid")) {
            ps.setString(1, query);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rowids.add(rs.getLong(1));
                }
            }
        }
        return rowids;
    }
}
