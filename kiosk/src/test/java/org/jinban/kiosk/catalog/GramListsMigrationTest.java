package org.jinban.kiosk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.testing.OlderSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** V7 re-blocks the gram lists a kiosk already holds, and gives the FTS tables their hashsize. */
class GramListsMigrationTest {
    @TempDir
    Path dir;

    @Test
    void listsWrittenInBlocksOfAHundredComeBackWholeInBlocksThatFitTheirPage() throws Exception {
        SQLiteDataSource v6 = OlderSchema.at(dir, 6);
        Map<String, long[]> lists = new LinkedHashMap<>();
        lists.put("老|6", LongStream.rangeClosed(1, 250).map(i -> i * 1_048_576L).toArray());
        lists.put("ab|2", new long[] {7, 9, 11});
        lists.put("老|5", LongStream.rangeClosed(1, 64).toArray());
        try (Connection c = v6.getConnection();
             PreparedStatement put = c.prepareStatement(
                     "INSERT INTO catalog_gram_items (gram, score, block, items) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, long[]> list : lists.entrySet()) {
                String[] key = list.getKey().split("\\|");
                long[] ids = list.getValue();
                for (int from = 0; from < ids.length; from += 100) { // the V6 layout: blocks of 100
                    int to = Math.min(ids.length, from + 100);
                    put.setString(1, key[0]);
                    put.setInt(2, Integer.parseInt(key[1]));
                    put.setLong(3, ids[from]);
                    put.setString(4, GramList.encode(java.util.Arrays.copyOfRange(ids, from, to), to - from));
                    put.executeUpdate();
                }
            }
        }

        try (Database db = Database.open(dir); Connection c = db.connection(); Statement st = c.createStatement()) {
            Map<String, List<Long>> read = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT gram, score, block, items FROM catalog_gram_items ORDER BY gram, score DESC, block")) {
                while (rs.next()) {
                    long[] ids = GramList.decode(rs.getString(4));
                    assertTrue(ids.length <= GramLists.BLOCK, rs.getString(1) + " holds " + ids.length + " ids in a block");
                    assertEquals(ids[0], rs.getLong(3), "a block is keyed by its smallest id");
                    List<Long> all = read.computeIfAbsent(rs.getString(1) + "|" + rs.getInt(2), k -> new ArrayList<>());
                    for (long id : ids) {
                        all.add(id);
                    }
                }
            }
            assertEquals(lists.keySet(), read.keySet());
            lists.forEach((key, ids) -> assertEquals(LongStream.of(ids).boxed().toList(), read.get(key), key));
            assertEquals(8, count(st, "SELECT count(*) FROM catalog_gram_items WHERE gram = '老' AND score = 6"),
                    "250 ids in blocks of 32");
            for (String table : List.of("catalog_fts_name", "catalog_fts_keyword", "catalog_fts_material")) {
                assertEquals(33_554_432, count(st, "SELECT v FROM " + table + "_config WHERE k = 'hashsize'"), table);
            }
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
