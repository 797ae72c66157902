package org.jinban.kiosk.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies a checked delta in place: only the items it adds, changes or removes are indexed or
 * deleted. Ids are ranks (popularity, then file order) spaced apart by a full import, so an item
 * that is new or whose popularity changed gets an id between its new neighbours' and no other
 * row moves. When two neighbours have no room left between them the caller imports the next
 * version whole, which spaces the ids again.
 */
final class DeltaRanks {
    /** A held item's row: its id (rank), popularity and file position. */
    record Held(long id, int popularity, long position) {
    }

    /** An item of the next version: {@code upsert} is null for a held item the delta leaves alone. */
    private record Entry(String code, CatalogDelta.Upsert upsert, int popularity, long position, Long keptId) {
    }

    private DeltaRanks() {
    }

    /**
     * Applies a checked delta to the held items ({@code rows}, by code); {@code replaced} are the
     * held items the delta changes or removes, whose index rows go. The upserted items are bound,
     * given to {@code check} chunk by chunk and indexed on the indexing workers.
     *
     * @return false, having changed nothing, when the ranks have no room for the delta
     */
    static boolean apply(Connection c, ObjectMapper json, Map<String, Held> rows, Map<String, ServiceItem> replaced,
                         CatalogDelta delta, String issuedAt, Synonyms synonyms, Consumer<List<ServiceItem>> check,
                         String source) throws SQLException {
        Map<String, CatalogDelta.Upsert> upserted = new HashMap<>();
        delta.upserts().forEach(u -> upserted.put(u.code(), u));
        Set<String> removed = new HashSet<>(delta.removes());
        long lastPosition = rows.values().stream().mapToLong(Held::position).max().orElse(-1);
        List<Entry> ranked = new ArrayList<>(rows.size() + upserted.size());
        rows.forEach((code, h) -> {
            if (removed.contains(code)) {
                return;
            }
            CatalogDelta.Upsert upsert = upserted.get(code);
            int popularity = upsert == null ? h.popularity() : CatalogStore.popularity(upsert.popularity());
            boolean keep = upsert == null || h.popularity() == popularity;
            ranked.add(new Entry(code, upsert, popularity, h.position(), keep ? h.id() : null));
        });
        for (CatalogDelta.Upsert upsert : delta.upserts()) {
            if (!rows.containsKey(upsert.code())) {
                ranked.add(new Entry(upsert.code(), upsert, CatalogStore.popularity(upsert.popularity()), ++lastPosition, null));
            }
        }
        ranked.sort(Comparator.comparingInt((Entry e) -> -e.popularity()).thenComparingLong(Entry::position));
        Map<String, Long> ids = assign(ranked);
        if (ids == null) {
            return false;
        }
        try (ItemIndex index = new ItemIndex(c, json, check)) {
            for (String code : delta.removes()) {
                index.delete(rows.get(code).id(), replaced.get(code), synonyms);
            }
            for (String code : upserted.keySet()) {
                if (rows.containsKey(code)) {
                    index.delete(rows.get(code).id(), replaced.get(code), synonyms);
                }
            }
            List<ItemIndex.Insert> inserts = new ArrayList<>(upserted.size());
            for (Entry e : ranked) {
                if (e.upsert() != null) {
                    inserts.add(new ItemIndex.Insert(ids.get(e.code()), e.position(), e.upsert()::item));
                }
            }
            index.insertAll(inserts, synonyms);
            index.finish();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE catalog_version SET version = ?, issued_at = ?, imported_at = ?, source = ? WHERE id = 1")) {
            ps.setLong(1, delta.version());
            ps.setString(2, issuedAt);
            ps.setString(3, Instant.now().toString());
            ps.setString(4, source);
            ps.executeUpdate();
        }
        return true;
    }

    /** Every held item's row, by code. */
    static Map<String, Held> rows(Connection c) throws SQLException {
        Map<String, Held> held = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, id, popularity, position FROM service_item");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                held.put(rs.getString(1), new Held(rs.getLong(2), rs.getInt(3), rs.getLong(4)));
            }
        }
        return held;
    }

    /** Every item's id in rank order: kept ids stay, the others share the room between them; null if none. */
    private static Map<String, Long> assign(List<Entry> ranked) {
        Map<String, Long> ids = new HashMap<>();
        long before = 0;
        int i = 0;
        while (i < ranked.size()) {
            int j = i;
            while (j < ranked.size() && ranked.get(j).keptId() == null) {
                j++;
            }
            int run = j - i;
            long after = j < ranked.size() ? ranked.get(j).keptId() : before + (run + 1L) * ItemIndex.GAP;
            long step = (after - before) / (run + 1L);
            if (step < 1) {
                return null;
            }
            for (int k = 0; k < run; k++) {
                ids.put(ranked.get(i + k).code(), before + (k + 1) * step);
            }
            if (j < ranked.size()) {
                ids.put(ranked.get(j).code(), after);
            }
            before = after;
            i = j + 1;
        }
        return ids;
    }
}
