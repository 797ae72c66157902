package org.jinban.kiosk.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The catalog the kiosk holds, read back as a document, and a delta applied to it. A delta is
 * turned into the whole next version so that it is checked and indexed exactly as a file is:
 * the search indexes and the ranks cannot drift from what a full import would give.
 */
final class HeldCatalog {
    private HeldCatalog() {
    }

    /** The held catalog in file order, or empty when none is held. */
    static Optional<CatalogDocument> read(Connection c, ObjectMapper json) throws SQLException {
        Optional<CatalogDocument> frame = frame(c);
        if (frame.isEmpty()) {
            return frame;
        }
        CatalogDocument f = frame.get();
        return Optional.of(new CatalogDocument(f.format(), f.formatVersion(), f.version(), f.issuedAt(), f.publisher(),
                f.departments(), f.lifeEvents(), f.synonyms(), items(c, json)));
    }

    /** The held catalog without its items (an empty list), or empty when none is held. */
    static Optional<CatalogDocument> frame(Connection c) throws SQLException {
        Long version;
        String issuedAt;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, issued_at FROM catalog_version WHERE id = 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            version = rs.getLong(1);
            issuedAt = rs.getString(2);
        }
        List<CatalogDocument.Department> departments = new ArrayList<>();
        for (String[] g : groups(c, "SELECT code, name_zh, name_en FROM department ORDER BY position")) {
            departments.add(new CatalogDocument.Department(g[0], new LocalizedText(g[1], g[2])));
        }
        List<CatalogDocument.LifeEvent> lifeEvents = new ArrayList<>();
        for (String[] g : groups(c, "SELECT code, name_zh, name_en FROM life_event ORDER BY position")) {
            lifeEvents.add(new CatalogDocument.LifeEvent(g[0], new LocalizedText(g[1], g[2])));
        }
        return Optional.of(new CatalogDocument(CatalogDocument.FORMAT, CatalogDocument.FORMAT_VERSION, version,
                issuedAt, null, departments, lifeEvents, synonyms(c), List.of()));
    }

    /** The held items of {@code codes} (those held), by code. */
    static Map<String, ServiceItem> items(Connection c, ObjectMapper json, Collection<String> codes)
            throws SQLException {
        Map<String, ServiceItem> items = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM service_item WHERE code = ?")) {
            for (String code : codes) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        items.put(code, json.readValue(rs.getString(1), ServiceItem.class));
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored catalog item always reads back", e);
        }
        return items;
    }

    /**
     * Checks {@code delta} against the held catalog ({@code held}: its frame; {@code heldCodes}:
     * the codes of its items), without the held items themselves: the
     * versions, each upserted code once, each removed code held and not also upserted, and a
     * next version that still has items.
     *
     * @throws CatalogVersionException if the delta is not against the version held or does not fit it
     * @throws CatalogFormatException if its lists contradict themselves
     */
    static void check(Optional<CatalogDocument> held, Set<String> heldCodes, CatalogDelta delta) {
        Long heldVersion = checkVersions(held, delta);
        Set<String> upserted = upsertedCodes(delta);
        int added = 0;
        for (String code : upserted) {
            if (!heldCodes.contains(code)) {
                added++;
            }
        }
        checkRemoves(delta, upserted, heldCodes, heldVersion);
        if (heldCodes.size() - delta.removes().size() + added == 0) {
            throw new CatalogFormatException("delta " + delta.version(), List.of("items must not be empty"));
        }
    }

    private static List<String[]> groups(Connection c, String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return out;
    }

    /** The groups as stored (folded words); a group folded down to one word never matched anything. */
    private static List<List<String>> synonyms(Connection c) throws SQLException {
        Map<Integer, List<String>> groups = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT group_id, word FROM synonym ORDER BY group_id, word")) {
            while (rs.next()) {
                String word = rs.getString(2);
                if (!word.isBlank()) {
                    groups.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(word);
                }
            }
        }
        return groups.values().stream().filter(g -> g.size() >= 2).map(List::copyOf).toList();
    }

    private static List<ServiceItem> items(Connection c, ObjectMapper json) throws SQLException {
        List<ServiceItem> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM service_item ORDER BY position");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.add(json.readValue(rs.getString(1), ServiceItem.class));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored catalog item always reads back", e);
        }
        return items;
    }

    /**
     * The next version: {@code held} with {@code delta} applied, its upserts bound
     * ({@code upserts}, in the delta's order), the delta checked against it by {@link #check}
     * already. A changed item keeps its place in file order, a new one goes last.
     */
    static CatalogDocument apply(CatalogDocument held, CatalogDelta delta, List<ServiceItem> upserts) {
        Map<String, ServiceItem> byCode = new LinkedHashMap<>();
        held.items().forEach(i -> byCode.put(i.code(), i));
        for (ServiceItem item : upserts) {
            byCode.put(item.code(), item);
        }
        delta.removes().forEach(byCode::remove);
        return new CatalogDocument(held.format(), held.formatVersion(), delta.version(),
                delta.issuedAt() == null ? held.issuedAt() : delta.issuedAt(), held.publisher(), held.departments(),
                held.lifeEvents(), held.synonyms(), List.copyOf(byCode.values()));
    }

    /** @return the version held, which the delta is against and older than */
    private static Long checkVersions(Optional<CatalogDocument> held, CatalogDelta delta) {
        Long heldVersion = held.map(CatalogDocument::version).orElse(null);
        if (delta.previousVersion() == null || !delta.previousVersion().equals(heldVersion)) {
            throw new CatalogVersionException("catalog delta " + delta.version() + " is against version "
                    + delta.previousVersion() + ", the kiosk holds " + (heldVersion == null ? "none" : heldVersion));
        }
        if (delta.version() == null || delta.version() <= heldVersion) {
            throw new CatalogVersionException("catalog delta version " + delta.version()
                    + " is not newer than the version held, " + heldVersion);
        }
        return heldVersion;
    }

    private static Set<String> upsertedCodes(CatalogDelta delta) {
        Set<String> upserted = new HashSet<>();
        for (CatalogDelta.Upsert item : delta.upserts()) {
            if (item.code() == null) {
                throw new CatalogFormatException("delta " + delta.version(), List.of("upserts: an item without a code"));
            }
            if (!upserted.add(item.code())) {
                throw new CatalogFormatException("delta " + delta.version(),
                        List.of("upserts: code '" + item.code() + "' is used twice"));
            }
        }
        return upserted;
    }

    private static void checkRemoves(CatalogDelta delta, Set<String> upserted, Set<String> held,
                                     Long heldVersion) {
        Set<String> removed = new HashSet<>();
        for (String code : delta.removes()) {
            if (upserted.contains(code)) {
                throw new CatalogFormatException("delta " + delta.version(),
                        List.of("removes: '" + code + "' is also upserted"));
            }
            if (!held.contains(code) || !removed.add(code)) {
                throw new CatalogVersionException("catalog delta " + delta.version() + " removes '" + code
                        + "', which version " + heldVersion + " does not hold");
            }
        }
    }
}
