package org.jinban.kiosk.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes one item and everything the search holds for it (FTS rows, grams, life events) under
 * one id, and deletes them again. The one place both a full import and a delta index an item,
 * so the two cannot index differently.
 */
final class ItemIndex implements AutoCloseable {
    /** How far apart a full import spaces the ids (ranks), leaving room for a delta's items. */
    static final long GAP = 1L << 20;
    /** Items whose grams are sorted and written together: ~100 grams each, a few MB of heap. */
    private static final int FLUSH_ITEMS = 1_000;
    /** From how many inserted items {@link #bulkInsertsFollow()} pays off. */
    static final int BULK_ITEMS = 500;
    /** The index of migration V4, dropped and made again around bulk inserts. */
    private static final String GRAM_BY_ITEM = "catalog_gram_by_item";
    private static final String GRAM_BY_ITEM_DDL = "CREATE INDEX " + GRAM_BY_ITEM + " ON catalog_gram (item_id)";
    private static final List<String> BY_ROWID = List.of("catalog_fts_name", "catalog_fts_keyword",
            "catalog_fts_material");
    private static final List<String> BY_ITEM_ID = List.of("service_item_life_event");

    private final ObjectMapper json;
    private final List<PreparedStatement> statements = new ArrayList<>();
    private final PreparedStatement item;
    private final PreparedStatement event;
    private final PreparedStatement ftsName;
    private final PreparedStatement ftsKeyword;
    private final PreparedStatement ftsMaterial;
    private final PreparedStatement gram;
    private final List<PreparedStatement> deletes = new ArrayList<>();
    private final PreparedStatement deleteGram;
    /** Grams of the items inserted since the last flush, written in the gram table's key order. */
    private final List<GramRow> grams = new ArrayList<>();
    private final Connection connection;
    private boolean bulk;
    private int pending;

    ItemIndex(Connection c, ObjectMapper json) throws SQLException {
        this.json = json;
        this.connection = c;
        item = prepare(c, """
                INSERT INTO service_item (id, code, name_zh, name_en, department_code, handling_level,
                    processing_time, processing_working_days, proxy_handling, online_available, popularity,
                    position, doc)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        event = prepare(c, "INSERT INTO service_item_life_event (life_event_code, item_id) VALUES (?, ?)");
        ftsName = prepare(c, "INSERT INTO catalog_fts_name (rowid, name, name_pinyin, name_syn) VALUES (?, ?, ?, ?)");
        ftsKeyword = prepare(c, "INSERT INTO catalog_fts_keyword (rowid, keywords, keywords_syn) VALUES (?, ?, ?)");
        ftsMaterial = prepare(c,
                "INSERT INTO catalog_fts_material (rowid, materials, materials_syn) VALUES (?, ?, ?)");
        gram = prepare(c, "INSERT INTO catalog_gram (gram, score, item_id) VALUES (?, ?, ?)");
        for (String table : BY_ROWID) {
            deletes.add(prepare(c, "DELETE FROM " + table + " WHERE rowid = ?"));
        }
        for (String table : BY_ITEM_ID) {
            deletes.add(prepare(c, "DELETE FROM " + table + " WHERE item_id = ?"));
        }
        deletes.add(prepare(c, "DELETE FROM service_item WHERE id = ?"));
        deleteGram = prepare(c, "DELETE FROM catalog_gram WHERE gram = ? AND score = ? AND item_id = ?");
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        statements.add(ps);
        return ps;
    }

    void insert(long id, long position, ServiceItem it, Synonyms synonyms) throws SQLException {
        item.setLong(1, id);
        item.setString(2, it.code());
        item.setString(3, it.name().zh());
        item.setString(4, it.name().en());
        item.setString(5, it.competentAuthority());
        item.setString(6, it.handlingLevel().name());
        item.setString(7, it.processingTime());
        item.setBoolean(8, it.processingTimeWorkingDays());
        item.setBoolean(9, it.proxyHandling());
        item.setBoolean(10, it.online().available());
        item.setInt(11, CatalogStore.popularity(it));
        item.setLong(12, position);
        item.setString(13, toJson(it));
        item.executeUpdate();
        for (String code : it.lifeEvents()) {
            event.setString(1, code);
            event.setLong(2, id);
            event.addBatch();
        }
        SearchDocument sd = SearchDocument.of(it, synonyms);
        ftsName.setLong(1, id);
        ftsName.setString(2, sd.name());
        ftsName.setString(3, sd.namePinyin());
        ftsName.setString(4, sd.nameSynonyms());
        ftsName.executeUpdate();
        ftsKeyword.setLong(1, id);
        ftsKeyword.setString(2, sd.keywords());
        ftsKeyword.setString(3, sd.keywordSynonyms());
        ftsKeyword.executeUpdate();
        ftsMaterial.setLong(1, id);
        ftsMaterial.setString(2, sd.materials());
        ftsMaterial.setString(3, sd.materialSynonyms());
        ftsMaterial.executeUpdate();
        for (Map.Entry<String, Integer> g : sd.grams().entrySet()) {
            grams.add(new GramRow(g.getKey(), g.getValue(), id));
        }
        if (++pending % FLUSH_ITEMS == 0) {
            flush();
        }
    }

    /**
     * Deletes the item with {@code id} and everything indexed for it. {@code held} is the item as
     * indexed: its grams are found by the gram table's key, which is ordered for searching, not
     * by item (the synonyms are those it was indexed with: only a whole import changes them).
     */
    void delete(long id, ServiceItem held, Synonyms synonyms) throws SQLException {
        if (bulk) {
            throw new IllegalStateException("an item is deleted after bulk inserts began");
        }
        flush();
        for (PreparedStatement ps : deletes) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        for (Map.Entry<String, Integer> g : SearchDocument.of(held, synonyms).grams().entrySet()) {
            deleteGram.setString(1, g.getKey());
            deleteGram.setInt(2, g.getValue());
            deleteGram.setLong(3, id);
            deleteGram.addBatch();
        }
        deleteGram.executeBatch();
    }

    /**
     * Many inserts follow (a whole import, a large delta) and no more deletes: the gram table's
     * lookup by item, which only deletes need, is dropped now and built again, from one sorted
     * pass, when the index closes. Keeping it up to date row by row costs more than twice as much
     * as the gram table itself. Inside the caller's transaction, so a rollback brings it back.
     */
    void bulkInsertsFollow() throws SQLException {
        if (!bulk) {
            flush();
            try (Statement st = connection.createStatement()) {
                st.execute("DROP INDEX " + GRAM_BY_ITEM);
            }
            bulk = true;
        }
    }

    /**
     * Writes the batched rows. The grams go in the order of the gram table's key (gram, score
     * descending, item): inserted in item order they would land all over a table of a million
     * rows, one page read and written per row once the table outgrows SQLite's page cache.
     */
    private void flush() throws SQLException {
        event.executeBatch();
        grams.sort(GramRow.KEY_ORDER);
        for (GramRow g : grams) {
            gram.setString(1, g.gram());
            gram.setInt(2, g.score());
            gram.setLong(3, g.itemId());
            gram.addBatch();
        }
        grams.clear();
        gram.executeBatch();
    }

    private record GramRow(String gram, int score, long itemId) {
        /**
         * The table's key order, near enough: strings compare by UTF-16 unit where SQLite compares
         * UTF-8 bytes, which differs only between surrogate pairs and the last few thousand BMP
         * code points. Only locality depends on it.
         */
        static final java.util.Comparator<GramRow> KEY_ORDER = (a, b) -> {
            int byGram = a.gram.compareTo(b.gram);
            if (byGram != 0) {
                return byGram;
            }
            return a.score != b.score ? Integer.compare(b.score, a.score) : Long.compare(a.itemId, b.itemId);
        };
    }

    private String toJson(ServiceItem item) {
        try {
            return json.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a catalog item always serializes", e);
        }
    }

    /** Writes what is batched and frees the statements. */
    @Override
    public void close() throws SQLException {
        try {
            flush();
            if (bulk) {
                try (Statement st = connection.createStatement()) {
                    st.execute(GRAM_BY_ITEM_DDL);
                }
                bulk = false;
            }
        } finally {
            for (PreparedStatement ps : statements) {
                ps.close();
            }
        }
    }
}
