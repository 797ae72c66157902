package org.jinban.kiosk.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Writes items and everything the search holds for them (FTS rows, gram lists, life events)
 * under their ids, and deletes them again. The one place both a full import and a delta index
 * an item, so the two cannot index differently.
 *
 * <p>A large import is mostly CPU, spent in three places, each arranged here: the JSON,
 * search document and gram lists of each item are made on other threads ahead of the writer
 * ({@link Pipeline}), which meanwhile writes the item rows of the chunks already made and,
 * every {@link #FTS_BATCH} items, their FTS rows one table after the other; FTS5 holds a large
 * change's terms in memory until commit (its {@code hashsize}, see V7) instead of writing and
 * merging a segment per megabyte; the gram lists are changed once each, at the end
 * ({@link GramLists}).
 */
final class ItemIndex implements AutoCloseable {
    /** How far apart a full import spaces the ids (ranks), leaving room for a delta's items. */
    static final long GAP = 1L << 20;
    /** Items whose life events are written together. */
    private static final int FLUSH_ITEMS = 1_000;
    /**
     * Items whose FTS rows are written together, table by table. FTS rows written with each
     * chunk of 128 items, beside its item rows, cost the writer a fifth more CPU than in runs
     * of a thousand (measured, 10,000 items: 2.3-3.6 s against 1.9-2.9 s of the writer's CPU);
     * all held back to the end left the writer idle while the workers made the items.
     */
    private static final int FTS_BATCH = 1_024;
    /** The FTS5 tables, contentless (V9): an item's rows there are deleted by rowid. */
    static final List<String> FTS_TABLES = List.of("catalog_fts_name", "catalog_fts_keyword",
            "catalog_fts_material");
    private static final List<String> BY_ITEM_ID = List.of("service_item_life_event");

    /**
     * An item to insert with its id (rank) and its position in file order; {@code item} gives it
     * on an indexing worker (a delta's item is bound there, see {@link CatalogDelta.Upsert}).
     */
    record Insert(long id, long position, Supplier<ServiceItem> item) {
    }

    /**
     * An item's row, JSON and FTS texts, made off the writer's thread. The row's columns, not
     * the bound item: chunks made ahead wait for the writer, and the item (its descriptions,
     * materials and keywords as Strings) was most of what the collector then copied.
     */
    private record Prepared(Insert insert, Row row, byte[] json, SearchDocument texts) {
    }

    /** The columns of an item's row in {@code service_item}, and its life events. */
    private record Row(String code, String nameZh, String nameEn, String department, String handlingLevel,
                       String processingTime, boolean workingDays, boolean proxyHandling, boolean online,
                       int popularity, List<String> lifeEvents) {
        static Row of(ServiceItem it) {
            return new Row(it.code(), it.name().zh(), it.name().en(), it.competentAuthority(),
                    it.handlingLevel().name(), it.processingTime(), it.processingTimeWorkingDays(),
                    it.proxyHandling(), it.online().available(), CatalogStore.popularity(it.popularity()),
                    it.lifeEvents());
        }
    }

    /** The FTS texts of one item waiting to be written. */
    private record FtsRow(long id, SearchDocument texts) {
    }

    /** Writes an item as its stored JSON, its serializer looked up once, not per item. */
    private final ObjectWriter itemWriter;
    private final Consumer<List<ServiceItem>> check;
    private final Connection connection;
    private final List<PreparedStatement> statements = new ArrayList<>();
    private final PreparedStatement item;
    private final PreparedStatement event;
    private final PreparedStatement ftsName;
    private final PreparedStatement ftsKeyword;
    private final PreparedStatement ftsMaterial;
    private final List<PreparedStatement> deletes = new ArrayList<>();
    private final GramLists grams = new GramLists();
    private final List<FtsRow> fts = new ArrayList<>();
    private int pendingEvents;

    ItemIndex(Connection c, ObjectMapper json) throws SQLException {
        this(c, json, items -> { });
    }

    /**
     * As {@link #ItemIndex(Connection, ObjectMapper)}, each chunk of items given to {@code check}
     * on the worker that indexes it, before anything is made of them; what it throws stops the
     * indexing.
     */
    ItemIndex(Connection c, ObjectMapper json, Consumer<List<ServiceItem>> check) throws SQLException {
        this.itemWriter = json.writerFor(ServiceItem.class);
        this.check = check;
        this.connection = c;
        item = prepare(c, """
                INSERT INTO service_item (id, code, name_zh, name_en, department_code, handling_level,
                    processing_time, processing_working_days, proxy_handling, online_available, popularity,
                    position, doc)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT))""");
        event = prepare(c, "INSERT INTO service_item_life_event (life_event_code, item_id) VALUES (?, ?)");
        ftsName = prepare(c, "INSERT INTO catalog_fts_name (rowid, name, name_pinyin, name_syn) VALUES (?, ?, ?, ?)");
        ftsKeyword = prepare(c, "INSERT INTO catalog_fts_keyword (rowid, keywords, keywords_syn) VALUES (?, ?, ?)");
        ftsMaterial = prepare(c,
                "INSERT INTO catalog_fts_material (rowid, materials, materials_syn) VALUES (?, ?, ?)");
        for (String table : FTS_TABLES) {
            deletes.add(prepare(c, "DELETE FROM " + table + " WHERE rowid = ?"));
        }
        for (String table : BY_ITEM_ID) {
            deletes.add(prepare(c, "DELETE FROM " + table + " WHERE item_id = ?"));
        }
        deletes.add(prepare(c, "DELETE FROM service_item WHERE id = ?"));
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        statements.add(ps);
        return ps;
    }

    /** Inserts {@code inserts}, best in id order (the order every index lists items in). */
    void insertAll(List<Insert> inserts, Synonyms synonyms) throws SQLException {
        Pipeline.inChunks(inserts, part -> prepare(part, synonyms), this::write);
    }

    /**
     * Everything of {@code part} that needs no database, its grams added to the index's lists
     * (which lock for it: merging a map per chunk into them afterwards cost more); thread-safe.
     */
    private List<Prepared> prepare(List<Insert> part, Synonyms synonyms) {
        List<Prepared> items = new ArrayList<>(part.size());
        List<ServiceItem> bound = new ArrayList<>(part.size());
        for (Insert in : part) {
            bound.add(in.item().get());
        }
        check.accept(bound);
        for (int i = 0; i < part.size(); i++) {
            Insert in = part.get(i);
            ServiceItem item = bound.get(i);
            SearchDocument document = SearchDocument.of(item, synonyms);
            grams.add(in.id(), document.grams());
            items.add(new Prepared(in, Row.of(item), toJson(item), document.withoutGrams()));
        }
        return items;
    }

    /** Writes the rows of one chunk: its items now, its FTS rows with those of the next few chunks. */
    private void write(List<Prepared> chunk) throws SQLException {
        for (Prepared p : chunk) {
            write(p);
            fts.add(new FtsRow(p.insert().id(), p.texts()));
        }
        if (fts.size() >= FTS_BATCH) {
            flushFts();
        }
    }

    /** Writes the FTS rows held back, each FTS table in one run. */
    private void flushFts() throws SQLException {
        for (FtsRow r : fts) {
            ftsName.setLong(1, r.id());
            ftsName.setString(2, r.texts().name());
            ftsName.setString(3, r.texts().namePinyin());
            ftsName.setString(4, r.texts().nameSynonyms());
            ftsName.executeUpdate();
        }
        for (FtsRow r : fts) {
            ftsKeyword.setLong(1, r.id());
            ftsKeyword.setString(2, r.texts().keywords());
            ftsKeyword.setString(3, r.texts().keywordSynonyms());
            ftsKeyword.executeUpdate();
        }
        for (FtsRow r : fts) {
            ftsMaterial.setLong(1, r.id());
            ftsMaterial.setString(2, r.texts().materials());
            ftsMaterial.setString(3, r.texts().materialSynonyms());
            ftsMaterial.executeUpdate();
        }
        fts.clear();
    }

    private void write(Prepared p) throws SQLException {
        long id = p.insert().id();
        Row it = p.row();
        item.setLong(1, id);
        item.setString(2, it.code());
        item.setString(3, it.nameZh());
        item.setString(4, it.nameEn());
        item.setString(5, it.department());
        item.setString(6, it.handlingLevel());
        item.setString(7, it.processingTime());
        item.setBoolean(8, it.workingDays());
        item.setBoolean(9, it.proxyHandling());
        item.setBoolean(10, it.online());
        item.setInt(11, it.popularity());
        item.setLong(12, p.insert().position());
        item.setBytes(13, p.json()); // UTF-8, stored as TEXT: see toJson
        item.executeUpdate();
        for (String code : it.lifeEvents()) {
            event.setString(1, code);
            event.setLong(2, id);
            event.addBatch();
            pendingEvents++;
        }
        if (pendingEvents >= FLUSH_ITEMS) {
            event.executeBatch();
            pendingEvents = 0;
        }
    }

    /**
     * Deletes the item with {@code id} and everything indexed for it. {@code held} is the item as
     * indexed: the gram lists it is in are those of its search document (the synonyms are those
     * it was indexed with: only a whole import changes them).
     */
    void delete(long id, ServiceItem held, Synonyms synonyms) throws SQLException {
        flushEvents();
        flushFts(); // rows of this id still held back are written before they are deleted
        for (PreparedStatement ps : deletes) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        grams.remove(id, SearchDocument.of(held, synonyms).grams());
    }

    private void flushEvents() throws SQLException {
        event.executeBatch();
        pendingEvents = 0;
    }

    /**
     * The item's stored JSON as UTF-8, which the row takes as it is ({@code CAST(? AS TEXT)}):
     * Jackson writes UTF-8 faster than a String, and a String would be encoded to UTF-8 again on
     * the writer's thread to be bound (10,000 items: 30 MB).
     */
    private byte[] toJson(ServiceItem it) {
        try {
            return itemWriter.writeValueAsBytes(it);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a catalog item always serializes", e);
        }
    }

    /**
     * Writes what is held back: the last life events and FTS rows, and the gram lists. Called
     * once the session's inserts and deletes are done; a session that fails before it writes
     * nothing more (its transaction rolls back), where writing it from {@link #close} wrote
     * every gram list of a failed 10,000-item delta before the rollback.
     */
    void finish() throws SQLException {
        flushEvents();
        flushFts();
        grams.write(connection);
    }

    /** Frees the statements; what {@link #finish} did not write is dropped. */
    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : statements) {
            ps.close();
        }
    }
}
