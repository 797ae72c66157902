package org.jinban.kiosk.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.store.StoreException;

/** All SQL of the service list: importing a catalog version, reading items, searching. */
public final class CatalogStore {
    private final Database db;
    private final ObjectMapper json;

    public CatalogStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The catalog version held, if any. */
    public Optional<Long> version() {
        try (Connection c = db.connection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM catalog_version WHERE id = 1")) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read the catalog version", e);
        }
    }

    public int itemCount() {
        try (Connection c = db.connection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM service_item")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count catalog items", e);
        }
    }

    /**
     * Replaces the whole catalog with {@code doc} in one transaction: a reader sees the old
     * version or the new one, never a mix, and a power cut leaves the old one.
     */
    public void replaceAll(CatalogDocument doc, String source) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                clear(c);
                insertGroups(c, doc);
                insertItems(c, doc.items());
                insertSynonyms(c, doc.synonyms());
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO catalog_version (id, version, issued_at, imported_at, source) VALUES (1, ?, ?, ?, ?)")) {
                    ps.setLong(1, doc.version());
                    ps.setString(2, doc.issuedAt());
                    ps.setString(3, Instant.now().toString());
                    ps.setString(4, source);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot import catalog version " + doc.version() + " from " + source, e);
        }
    }

    private static void clear(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String table : List.of("catalog_version", "synonym", "catalog_gram", "catalog_fts",
                    "service_item_life_event", "service_item", "life_event", "department")) {
                st.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    private static void insertGroups(Connection c, CatalogDocument doc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO department (code, name_zh, name_en, position) VALUES (?, ?, ?, ?)")) {
            int position = 0;
            for (CatalogDocument.Department d : doc.departments()) {
                ps.setString(1, d.code());
                ps.setString(2, d.name().zh());
                ps.setString(3, d.name().en());
                ps.setInt(4, position++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO life_event (code, name_zh, name_en, position) VALUES (?, ?, ?, ?)")) {
            int position = 0;
            for (CatalogDocument.LifeEvent e : doc.lifeEvents()) {
                ps.setString(1, e.code());
                ps.setString(2, e.name().zh());
                ps.setString(3, e.name().en());
                ps.setInt(4, position++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertItems(Connection c, List<ServiceItem> items) throws SQLException {
        try (PreparedStatement item = c.prepareStatement("""
                INSERT INTO service_item (id, code, name_zh, name_en, department_code, handling_level,
                    processing_time, processing_working_days, proxy_handling, online_available, popularity,
                    position, doc)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement event = c.prepareStatement(
                     "INSERT INTO service_item_life_event (life_event_code, item_id) VALUES (?, ?)");
             PreparedStatement fts = c.prepareStatement(
                     "INSERT INTO catalog_fts (rowid, name, name_pinyin, keywords, materials) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement gram = c.prepareStatement(
                     "INSERT INTO catalog_gram (gram, item_id, tier) VALUES (?, ?, ?)")) {
            long id = 0;
            for (ServiceItem it : items) {
                id++;
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
                item.setInt(11, it.popularity() == null ? 0 : it.popularity());
                item.setLong(12, id);
                item.setString(13, toJson(it));
                item.executeUpdate();
                for (String code : it.lifeEvents()) {
                    event.setString(1, code);
                    event.setLong(2, id);
                    event.addBatch();
                }
                SearchDocument sd = SearchDocument.of(it);
                fts.setLong(1, id);
                fts.setString(2, sd.name());
                fts.setString(3, sd.namePinyin());
                fts.setString(4, sd.keywords());
                fts.setString(5, sd.materials());
                fts.executeUpdate();
                for (Map.Entry<String, Integer> g : sd.grams().entrySet()) {
                    gram.setString(1, g.getKey());
                    gram.setLong(2, id);
                    gram.setInt(3, g.getValue());
                    gram.addBatch();
                }
                if (id % 200 == 0) {
                    event.executeBatch();
                    gram.executeBatch();
                }
            }
            event.executeBatch();
            gram.executeBatch();
        }
    }

    private static void insertSynonyms(Connection c, List<List<String>> groups) throws SQLException {
        if (groups == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO synonym (word, group_id) VALUES (?, ?)")) {
            int group = 0;
            for (List<String> words : groups) {
                group++;
                for (String word : words) {
                    ps.setString(1, SearchText.fold(word));
                    ps.setInt(2, group);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** Every word mapped to the other words of its synonym groups. */
    public Map<String, List<String>> synonyms() {
        Map<Integer, List<String>> groups = new HashMap<>();
        try (Connection c = db.connection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT word, group_id FROM synonym ORDER BY group_id, word")) {
            while (rs.next()) {
                groups.computeIfAbsent(rs.getInt(2), k -> new ArrayList<>()).add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read synonyms", e);
        }
        Map<String, List<String>> byWord = new HashMap<>();
        for (List<String> words : groups.values()) {
            for (String word : words) {
                List<String> others = byWord.computeIfAbsent(word, k -> new ArrayList<>());
                words.stream().filter(w -> !w.equals(word) && !others.contains(w)).forEach(others::add);
            }
        }
        return byWord;
    }

    /** The item with {@code code}, as in the catalog file. */
    public Optional<ServiceItem> item(String code) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT doc FROM service_item WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(json.readValue(rs.getString(1), ServiceItem.class)) : Optional.empty();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read catalog item", e);
        }
    }

    public List<CatalogGroup> departments() {
        return groups("""
                SELECT d.code, d.name_zh, d.name_en, count(i.id)
                FROM department d LEFT JOIN service_item i ON i.department_code = d.code
                GROUP BY d.code ORDER BY d.position""");
    }

    public List<CatalogGroup> lifeEvents() {
        return groups("""
                SELECT e.code, e.name_zh, e.name_en, count(l.item_id)
                FROM life_event e LEFT JOIN service_item_life_event l ON l.life_event_code = e.code
                GROUP BY e.code ORDER BY e.position""");
    }

    private List<CatalogGroup> groups(String sql) {
        try (Connection c = db.connection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<CatalogGroup> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new CatalogGroup(rs.getString(1), new LocalizedText(rs.getString(2), rs.getString(3)),
                        rs.getInt(4)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list catalog groups", e);
        }
    }

    public boolean departmentExists(String code) {
        return exists("SELECT 1 FROM department WHERE code = ?", code);
    }

    public boolean lifeEventExists(String code) {
        return exists("SELECT 1 FROM life_event WHERE code = ?", code);
    }

    private boolean exists(String sql, String code) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot look up a catalog group", e);
        }
    }

    /** Runs {@code query}; see {@link SearchSql} for how it becomes one statement. */
    public SearchPage search(CatalogQuery query) {
        SearchSql sql = SearchSql.of(query);
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(sql.sql())) {
            List<Object> params = sql.params();
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<ItemSummary> items = new ArrayList<>();
            int total = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    total = rs.getInt("total");
                    items.add(new ItemSummary(
                            rs.getString("code"),
                            new LocalizedText(rs.getString("name_zh"), rs.getString("name_en")),
                            rs.getString("department_code"),
                            new LocalizedText(rs.getString("dept_zh"), rs.getString("dept_en")),
                            HandlingLevel.valueOf(rs.getString("handling_level")),
                            ProcessingTime.parse(rs.getString("processing_time"),
                                    rs.getBoolean("processing_working_days")),
                            rs.getBoolean("proxy_handling"),
                            rs.getBoolean("online_available"),
                            rs.getInt("weakest")));
                }
            }
            if (items.isEmpty() && query.offset() > 0) {
                total = count(c, query);
            }
            return new SearchPage(total, items);
        } catch (SQLException e) {
            throw new StoreException("catalog search failed", e);
        }
    }

    private static int count(Connection c, CatalogQuery query) throws SQLException {
        SearchSql sql = SearchSql.of(new CatalogQuery(query.terms(), query.department(), query.lifeEvent(), 1, 0));
        try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
            List<Object> params = sql.params();
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt("total") : 0;
            }
        }
    }

    private String toJson(ServiceItem item) {
        try {
            return json.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a catalog item always serializes", e);
        }
    }
}
