package org.jinban.kiosk.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.store.StoreException;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/** All SQL of the service list: importing a catalog version, reading items, searching. */
public final class CatalogStore {
    /** The page cache of a catalog import or delta, in KiB (see {@link #withImportCache}). */
    private static final int IMPORT_CACHE_KIB = 64 * 1024;
    private final Database db;
    private final ObjectMapper json;
    /**
     * The texts the synonym columns of the catalog held can contain (see {@link Synonyms}),
     * replaced with the catalog; read from the database, so a start needs no pinyin.
     */
    private volatile List<String> synonymTexts;
    /** Items changed at once from which {@link #changed} runs {@link #onLargeChange}. */
    public static final int LARGE_CHANGE = 1_000;
    /**
     * Run after a change of {@link #LARGE_CHANGE} items or more: a full collection. Such a change
     * grows the heap to ~190 MB (docs/benchmarks.md); the serial collector gives committed heap
     * back to the system only after a full collection, which in a kiosk's ordinary day may not
     * come for hours, so the kiosk would keep that memory from the rest of a 1 GB Pi. A catalog
     * this large changes a few times a year; the collection takes ~0.1 s.
     */
    private volatile Runnable onLargeChange = System::gc;

    public CatalogStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.synonymTexts = readSynonymTexts();
    }

    private List<String> readSynonymTexts() {
        List<String> texts = new ArrayList<>();
        try (Connection c = db.connection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT text FROM synonym_text")) {
            while (rs.next()) {
                texts.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the synonyms", e);
        }
        return List.copyOf(texts);
    }

    /** Rereads what the search keeps in memory from the database (the centre's refresh-catalog). */
    public void reload() {
        synonymTexts = readSynonymTexts();
    }

    /** True if {@code foldedWord} is part of a text some synonym column holds. */
    boolean synonymsCanMatch(String foldedWord) {
        return synonymTexts.stream().anyMatch(t -> t.contains(foldedWord));
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
        replaceAll(doc, source, Database.Durability.FULL, c -> null);
    }

    /**
     * As {@link #replaceAll(CatalogDocument, String)}, with {@code alsoInTransaction} (e.g. a
     * sync cursor) committed together with the catalog, or not at all, at {@code durability}.
     * It runs first, so that the pages it frees (the parts a version came in) hold the catalog's
     * rows instead of being zeroed (secure_delete) and written out as free pages at commit.
     */
    public void replaceAll(CatalogDocument doc, String source, Database.Durability durability,
                           Database.Work<?> alsoInTransaction) {
        db.inLargeTransaction("import catalog version " + doc.version() + " from " + source, durability,
                c -> withImportCache(c, () -> {
                    alsoInTransaction.run(c);
                    replace(c, doc, source);
                    return null;
                }));
        synonymTexts = readSynonymTexts();
    }

    /**
     * To be called once a change of {@code items} items is applied and the caller no longer
     * holds the parsed version (a collection while it is still referenced frees nothing).
     */
    public void changed(int items) {
        if (items >= LARGE_CHANGE) {
            onLargeChange.run();
        }
    }

    /** What runs after a large change instead of a full collection: for tests. */
    public void onLargeChange(Runnable run) {
        this.onLargeChange = run;
    }

    /**
     * Applies {@code delta} to the catalog held, in one transaction with {@code alsoInTransaction}
     * (which runs first, as in {@link #replaceAll(CatalogDocument, String, Database.Durability,
     * Database.Work)}), committed at {@code durability}. The result is checked as a catalog file
     * is, and indexed and ranked as a full import of it would be; only the items the delta names
     * are indexed again (see {@link DeltaRanks}).
     *
     * @throws CatalogVersionException if the delta is not against the version held
     * @throws CatalogFormatException if the next version would not be a valid catalog
     */
    public void applyDelta(CatalogDelta delta, String source, Database.Durability durability,
                           Database.Work<?> alsoInTransaction) {
        db.inLargeTransaction("apply catalog delta " + delta.version() + " from " + source, durability,
                c -> withImportCache(c, () -> {
                    alsoInTransaction.run(c);
                    // What the delta touches is read and checked, not the whole held catalog:
                    // 101 changes to 10,000 items read 101 items back, not 10,000.
                    Optional<CatalogDocument> frame = HeldCatalog.frame(c);
                    Map<String, DeltaRanks.Held> rows = DeltaRanks.rows(c);
                    HeldCatalog.check(frame, rows.keySet(), delta);
                    CatalogDocument held = frame.orElseThrow();
                    Set<String> departments = codes(held.departments(), CatalogDocument.Department::code);
                    Set<String> lifeEvents = codes(held.lifeEvents(), CatalogDocument.LifeEvent::code);
                    // The upserted items are checked as a file's items are, by the workers that bind
                    // and index them, a chunk at a time: the first chunk with a bad item stops the
                    // work with its problems, and the transaction rolls back, changing nothing.
                    Consumer<List<ServiceItem>> check = items -> {
                        List<String> problems = new ArrayList<>();
                        items.forEach(item -> CatalogFileReader.checkUpsert(item, "upserts", departments, lifeEvents,
                                problems));
                        if (!problems.isEmpty()) {
                            throw new CatalogFormatException(source, problems);
                        }
                    };
                    List<String> touched = new ArrayList<>(delta.removes());
                    delta.upserts().stream().map(CatalogDelta.Upsert::code).filter(rows::containsKey)
                            .forEach(touched::add);
                    Map<String, ServiceItem> replaced = HeldCatalog.items(c, json, touched);
                    String issuedAt = delta.issuedAt() == null ? held.issuedAt() : delta.issuedAt();
                    if (!DeltaRanks.apply(c, json, rows, replaced, delta, issuedAt, new Synonyms(held.synonyms()),
                            check, source)) {
                        // no room left between two ranks: the next version whole, ids spaced again
                        List<ServiceItem> upserts = new ArrayList<>(delta.upserts().size());
                        delta.upserts().forEach(u -> upserts.add(u.item()));
                        check.accept(upserts);
                        replace(c, HeldCatalog.apply(HeldCatalog.read(c, json).orElseThrow(), delta, upserts), source);
                    }
                    return null;
                }));
        synonymTexts = readSynonymTexts();
    }

    private static <T> Set<String> codes(List<T> groups, Function<T, String> code) {
        Set<String> codes = new HashSet<>();
        groups.forEach(g -> codes.add(code.apply(g)));
        return codes;
    }

    /** Work that needs nothing but the connection it runs on. */
    @FunctionalInterface
    private interface CatalogWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} with a page cache large enough for the search tables of a 10,000-item
     * catalog (the FTS tables alone are tens of MB), then gives the memory back. With SQLite's
     * default 2 MB a large import or delta spends most of its time reading and spilling pages;
     * the cache only grows as far as the work needs.
     */
    private static <T> T withImportCache(Connection c, CatalogWork<T> work) throws SQLException {
        long before;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA cache_size")) {
            rs.next();
            before = rs.getLong(1);
        }
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA cache_size = -" + IMPORT_CACHE_KIB);
        }
        // sqlite-jdbc follows every INSERT with a query for its rowid, for getGeneratedKeys(),
        // which nothing here reads: ~60,000 extra queries in a 10,000-item import.
        SQLiteConnectionConfig config = c.unwrap(SQLiteConnection.class).getConnectionConfig();
        boolean generatedKeys = config.isGetGeneratedKeys();
        config.setGetGeneratedKeys(false);
        try {
            return work.run();
        } finally {
            config.setGetGeneratedKeys(generatedKeys);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA cache_size = " + before);
            }
        }
    }

    private void replace(Connection c, CatalogDocument doc, String source) throws SQLException {
        clear(c);
        insertGroups(c, doc);
        Synonyms synonyms = new Synonyms(doc.synonyms());
        insertItems(c, doc.items(), synonyms);
        insertSynonyms(c, doc.synonyms(), synonyms);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO catalog_version (id, version, issued_at, imported_at, source) VALUES (1, ?, ?, ?, ?)")) {
            ps.setLong(1, doc.version());
            ps.setString(2, doc.issuedAt());
            ps.setString(3, Instant.now().toString());
            ps.setString(4, source);
            ps.executeUpdate();
        }
    }

    private static void clear(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String table : ItemIndex.FTS_TABLES) {
                // contentless (V9): the table empties itself at once, no row is visited
                st.executeUpdate("INSERT INTO " + table + " (" + table + ") VALUES ('delete-all')");
            }
            for (String table : List.of("catalog_version", "synonym", "synonym_text", "catalog_gram_items",
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

    /**
     * Inserts the items with ids in rank order (popularity, then file order), which is the
     * order every index lists them in and so the order of equal matches. The ids are spaced
     * {@link ItemIndex#GAP} apart, so that a delta can rank an item between two others without
     * renumbering the rest.
     */
    private void insertItems(Connection c, List<ServiceItem> fileOrder, Synonyms synonyms) throws SQLException {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < fileOrder.size(); i++) {
            positions.add(i);
        }
        positions.sort(Comparator.comparingInt((Integer i) -> -popularity(fileOrder.get(i).popularity())).thenComparingInt(i -> i));
        List<ItemIndex.Insert> inserts = new ArrayList<>(positions.size());
        long rank = 0;
        for (int position : positions) {
            rank++;
            ServiceItem item = fileOrder.get(position);
            inserts.add(new ItemIndex.Insert(rank * ItemIndex.GAP, position, () -> item));
        }
        try (ItemIndex index = new ItemIndex(c, json)) {
            index.insertAll(inserts, synonyms);
            index.finish();
        }
    }

    /** An item's popularity as it ranks: none given ranks as 0. */
    static int popularity(Integer popularity) {
        return popularity == null ? 0 : popularity;
    }

    private static void insertSynonyms(Connection c, List<List<String>> groups, Synonyms synonyms)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO synonym_text (text) VALUES (?)")) {
            for (String text : synonyms.indexedTexts()) {
                ps.setString(1, text);
                ps.addBatch();
            }
            ps.executeBatch();
        }
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

    /**
     * An item with the names of its department and life events and the catalog version: what
     * the item screen shows, in two indexed reads (the counts of {@link #departments()} are
     * for the browse lists, not for one item).
     */
    public Optional<ItemWithNames> itemWithNames(String code) {
        try (Connection c = db.connection();
             PreparedStatement item = c.prepareStatement("""
                     SELECT i.id, i.doc, d.name_zh, d.name_en, (SELECT version FROM catalog_version WHERE id = 1)
                     FROM service_item i JOIN department d ON d.code = i.department_code WHERE i.code = ?""");
             PreparedStatement events = c.prepareStatement("""
                     SELECT e.code, e.name_zh, e.name_en FROM service_item_life_event l
                     JOIN life_event e ON e.code = l.life_event_code WHERE l.item_id = ?""")) {
            item.setString(1, code);
            try (ResultSet rs = item.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, LocalizedText> eventNames = new HashMap<>();
                events.setLong(1, rs.getLong(1));
                try (ResultSet ev = events.executeQuery()) {
                    while (ev.next()) {
                        eventNames.put(ev.getString(1), new LocalizedText(ev.getString(2), ev.getString(3)));
                    }
                }
                return Optional.of(new ItemWithNames(json.readValue(rs.getString(2), ServiceItem.class),
                        new LocalizedText(rs.getString(3), rs.getString(4)), eventNames, rs.getLong(5)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read catalog item", e);
        }
    }

    /** An item as the item screen needs it. */
    public record ItemWithNames(ServiceItem item, LocalizedText department, Map<String, LocalizedText> lifeEvents,
                                long catalogVersion) {
        public ItemWithNames {
            lifeEvents = Map.copyOf(lifeEvents);
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

    /** Runs {@code query}; see {@link SearchExecutor} for how. */
    public SearchPage search(CatalogQuery query) {
        try (Connection c = db.connection()) {
            SearchExecutor.Hits hits = SearchExecutor.run(c, query, this::synonymsCanMatch);
            return new SearchPage(hits.total(), hits.totalExact(), summaries(c, hits.idAndScore()));
        } catch (SQLException e) {
            throw new StoreException("catalog search failed", e);
        }
    }

    private static List<ItemSummary> summaries(Connection c, List<long[]> idAndScore) throws SQLException {
        if (idAndScore.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(idAndScore.size(), "?"));
        Map<Long, ItemSummary> byId = new HashMap<>();
        Map<Long, Integer> scores = new HashMap<>();
        idAndScore.forEach(h -> scores.put(h[0], (int) h[1]));
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT i.id, i.code, i.name_zh, i.name_en, i.department_code, d.name_zh, d.name_en, i.handling_level,
                       i.processing_time, i.processing_working_days, i.proxy_handling, i.online_available
                FROM service_item i JOIN department d ON d.code = i.department_code
                WHERE i.id IN (%s)""".formatted(marks))) {
            for (int i = 0; i < idAndScore.size(); i++) {
                ps.setLong(i + 1, idAndScore.get(i)[0]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    byId.put(id, new ItemSummary(rs.getString(2), new LocalizedText(rs.getString(3), rs.getString(4)),
                            rs.getString(5), new LocalizedText(rs.getString(6), rs.getString(7)),
                            HandlingLevel.valueOf(rs.getString(8)),
                            ProcessingTime.parse(rs.getString(9), rs.getBoolean(10)),
                            rs.getBoolean(11), rs.getBoolean(12), scores.get(id)));
                }
            }
        }
        return idAndScore.stream().map(h -> byId.get(h[0])).toList();
    }
}
