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

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies a checked delta in place: only the items it adds, changes or removes are indexed or
 * deleted. Ids are ranks (popularity, then file order) spaced apart by a full import, so an item
 * that is new or whose popularity changed gets an id between its new neighbours' and no other
 * row moves. When two neighbours have no room left between them the caller imports the next
 * version whole, which spaces the ids again.
 */
final class DeltaRanks {
    private record Held(long id, int popularity, long position) {
    }

    private record Entry(ServiceItem item, int popularity, long position, Long keptId) {
    }

    private DeltaRanks() {
    }

    /** @return false, having changed nothing, when the ranks have no room for the delta */
    static boolean apply(Connection c, ObjectMapper json, CatalogDocument held, CatalogDocument next,
                         CatalogDelta delta, Synonyms synonyms, String source) throws SQLException {
        Map<String, ServiceItem> heldItems = new HashMap<>();
        held.items().forEach(i -> heldItems.put(i.code(), i));
        Map<String, Held> rows = rows(c);
        Set<String> upserted = new HashSet<>();
        delta.upserts().forEach(i -> upserted.add(i.code()));
        long lastPosition = rows.values().stream().mapToLong(Held::position).max().orElse(-1);
        List<Entry> ranked = new ArrayList<>();
        for (ServiceItem item : next.items()) {
            Held h = rows.get(item.code());
            int popularity = CatalogStore.popularity(item);
            long position = h == null ? ++lastPosition : h.position();
            boolean keep = h != null && (!upserted.contains(item.code()) || h.popularity() == popularity);
            ranked.add(new Entry(item, popularity, position, keep ? h.id() : null));
        }
        ranked.sort(Comparator.comparingInt((Entry e) -> -e.popularity()).thenComparingLong(Entry::position));
        Map<String, Long> ids = assign(ranked);
        if (ids == null) {
            return false;
        }
        try (ItemIndex index = new ItemIndex(c, json)) {
            for (String code : delta.removes()) {
                index.delete(rows.get(code).id(), heldItems.get(code), synonyms);
            }
            for (String code : upserted) {
                if (rows.containsKey(code)) {
                    index.delete(rows.get(code).id(), heldItems.get(code), synonyms);
                }
            }
            List<ItemIndex.Insert> inserts = new ArrayList<>(upserted.size());
            for (Entry e : ranked) {
                if (upserted.contains(e.item().code())) {
                    inserts.add(new ItemIndex.Insert(ids.get(e.item().code()), e.position(), e.item()));
                }
            }
            index.insertAll(inserts, synonyms);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE catalog_version SET version = ?, issued_at = ?, imported_at = ?, source = ? WHERE id = 1")) {
            ps.setLong(1, next.version());
            ps.setString(2, next.issuedAt());
            ps.setString(3, Instant.now().toString());
            ps.setString(4, source);
            ps.executeUpdate();
        }
        return true;
    }

    private static Map<String, Held> rows(Connection c) throws SQLException {
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
                ids.put(ranked.get(i + k).item().code(), before + (k + 1) * step);
            }
            if (j < ranked.size()) {
                ids.put(ranked.get(j).item().code(), after);
            }
            before = after;
            i = j + 1;
        }
        return ids;
    }
}
