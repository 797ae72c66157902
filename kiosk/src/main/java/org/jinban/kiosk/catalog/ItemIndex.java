package org.jinban.kiosk.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    private int pending;

    ItemIndex(Connection c, ObjectMapper json) throws SQLException {
        this.json = json;
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
            gram.setString(1, g.getKey());
            gram.setInt(2, g.getValue());
            gram.setLong(3, id);
            gram.addBatch();
        }
        if (++pending % 200 == 0) {
            flush();
        }
    }

    /**
     * Deletes the item with {@code id} and everything indexed for it. {@code held} is the item as
     * indexed: its grams are found by the gram table's key, which is ordered for searching, not
     * by item (the synonyms are those it was indexed with: only a whole import changes them).
     */
    void delete(long id, ServiceItem held, Synonyms synonyms) throws SQLException {
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

    private void flush() throws SQLException {
        event.executeBatch();
        gram.executeBatch();
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
        } finally {
            for (PreparedStatement ps : statements) {
                ps.close();
            }
        }
    }
}
