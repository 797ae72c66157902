package org.jinban.kiosk.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs a {@link CatalogQuery} so that its cost follows the page asked for, not the number of
 * matches: a one-character query that matches every item of a 10,000-item catalog reads a
 * page of rows, not 10,000.
 *
 * <p>Two facts make that possible. Item ids are ranks (see the schema), so every index lists
 * items in the order equal matches are shown. And the match level of a word is known from
 * the index alone: the gram lists store the best {@link MatchLevel} score of each gram, and
 * each field has its own FTS5 table with its synonyms in a column. A one-word search
 * therefore reads level by level, each in id order, and stops when the page is full.
 *
 * <p>The total is exact up to {@link #TOTAL_CAP}; past it the answer is "more than 300", as
 * search engines answer "at least" for a broad query: nobody pages through 300 items on a
 * touch screen, and counting 10,000 matches would cost more than the page itself.
 *
 * <p>A query of several words is scored whole in SQL (each word's best level, the weakest
 * word's level ranks the item); such queries are rarer and each word narrows the others.
 *
 * <p>Only folded words (letters and digits, see {@link SearchText}) reach an FTS5 MATCH, and
 * always inside a quoted phrase, so no query can change the MATCH syntax.
 */
final class SearchExecutor {
    /** Totals are counted up to this; past it the answer is "more than". */
    static final int TOTAL_CAP = 300;

    private final Connection c;
    private final CatalogQuery q;
    private final List<Object> filterParams = new ArrayList<>();
    private final String filters;

    private SearchExecutor(Connection c, CatalogQuery q, String idColumn) {
        this.c = c;
        this.q = q;
        StringBuilder f = new StringBuilder();
        q.department().ifPresent(code -> {
            f.append(" AND ").append(idColumn).append(" IN (SELECT id FROM service_item WHERE department_code = ?)");
            filterParams.add(code);
        });
        q.lifeEvent().ifPresent(code -> {
            f.append(" AND ").append(idColumn)
                    .append(" IN (SELECT item_id FROM service_item_life_event WHERE life_event_code = ?)");
            filterParams.add(code);
        });
        this.filters = f.toString();
    }

    /** The ids of one page with their scores, in order, and the total. */
    record Hits(List<long[]> idAndScore, int total, boolean totalExact) {
    }

    static Hits run(Connection c, CatalogQuery q, Predicate<String> synonymsCanMatch) throws SQLException {
        List<CatalogQuery.Term> terms = q.terms();
        if (terms.isEmpty()) {
            return new SearchExecutor(c, q, "id").list();
        }
        if (terms.size() > 1) {
            return new SearchExecutor(c, q, "i.id").scored();
        }
        String word = terms.getFirst().word();
        return SearchText.length(word) >= SearchText.TRIGRAM
                ? new SearchExecutor(c, q, "rowid").levels(word, synonymsCanMatch.test(word))
                : new SearchExecutor(c, q, "id").gram(word);
    }

    private Hits list() throws SQLException {
        List<long[]> page = rows("SELECT id, 0 FROM service_item WHERE 1 = 1" + filters + " ORDER BY id LIMIT ? OFFSET ?",
                List.of(), List.of(q.limit(), q.offset()));
        return bounded(page, count("SELECT 1 FROM service_item WHERE 1 = 1" + filters, List.of(), TOTAL_CAP + 1));
    }

    /**
     * One or two characters: the gram lists, best score first, each in rank order. A filter is
     * the set of ids it allows, read once; the lists are read only as far as the page and the
     * capped total need.
     */
    private Hits gram(String word) throws SQLException {
        Set<Long> allowed = filterParams.isEmpty() ? null : allowedIds();
        int wanted = q.offset() + q.limit();
        List<long[]> page = new ArrayList<>();
        int count = 0;
        try (PreparedStatement ps = prepare(
                "SELECT score, items FROM catalog_gram_items WHERE gram = ? ORDER BY score DESC, block", List.of(word));
             ResultSet rs = ps.executeQuery()) {
            lists:
            while (rs.next()) {
                int score = rs.getInt(1);
                GramList.Cursor ids = new GramList.Cursor(rs.getString(2));
                while (ids.hasNext()) {
                    long id = ids.next();
                    if (allowed != null && !allowed.contains(id)) {
                        continue;
                    }
                    if (count >= q.offset() && count < wanted) {
                        page.add(new long[] {id, score});
                    }
                    count++;
                    if (count > TOTAL_CAP && count >= wanted) {
                        break lists;
                    }
                }
            }
        }
        return bounded(page, count);
    }

    /** The ids of the items the query's filters allow. */
    private Set<Long> allowedIds() throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement ps = prepare("SELECT id FROM service_item WHERE 1 = 1" + filters,
                params(List.of(), List.of()));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Three or more characters: each level's FTS5 query in turn, each in id order, until the page is full. */
    private Hits levels(String word, boolean synonymsCanMatch) throws SQLException {
        int wanted = q.offset() + q.limit();
        Map<Long, Integer> found = new LinkedHashMap<>();
        boolean exhausted = true;
        levels:
        for (int score = MatchLevel.BEST; score >= 1; score--) {
            if (!synonymsCanMatch && score == MatchLevel.of(score).synonym()) {
                continue; // no synonym holds the word: its levels are empty, skip their index reads
            }
            String table = MatchLevel.of(score).table();
            try (PreparedStatement ps = prepare("SELECT rowid FROM " + table + " WHERE " + table + " MATCH ?" + filters
                    + " ORDER BY rowid", params(List.of(phrase(score, word)), List.of()));
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (found.putIfAbsent(rs.getLong(1), score) == null && found.size() > wanted) {
                        exhausted = false;
                        break levels;
                    }
                }
            }
        }
        List<long[]> all = new ArrayList<>();
        found.forEach((id, score) -> all.add(new long[] {id, score}));
        List<long[]> page = all.subList(Math.min(q.offset(), all.size()), Math.min(wanted, all.size()));
        if (exhausted) {
            return new Hits(new ArrayList<>(page), all.size(), true);
        }
        int gathered = gather(word);
        return gathered >= 0 ? new Hits(new ArrayList<>(page), gathered, true)
                : new Hits(new ArrayList<>(page), TOTAL_CAP, false);
    }

    /** The number of items matching in any field, or -1 if there are more than {@link #TOTAL_CAP}. */
    private int gather(String word) throws SQLException {
        Set<Long> ids = new HashSet<>();
        int read = 0;
        for (MatchLevel level : MatchLevel.values()) {
            String table = level.table();
            try (PreparedStatement ps = prepare("SELECT rowid FROM " + table + " WHERE " + table + " MATCH ?" + filters
                    + " LIMIT ?", params(List.of("\"" + word + "\""), List.of(TOTAL_CAP + 1 - read)));
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    read++;
                }
            }
            if (read > TOTAL_CAP) {
                return -1;
            }
        }
        return ids.size();
    }

    private static String phrase(int score, String word) {
        return MatchLevel.columnsOf(score) + " : \"" + word + "\"";
    }

    /** Several words: every word's best level in SQL, the weakest one ranks the item. */
    private Hits scored() throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("WITH ");
        List<String> scores = new ArrayList<>();
        for (int t = 0; t < q.terms().size(); t++) {
            String word = q.terms().get(t).word();
            if (t > 0) {
                sql.append(",\n");
            }
            sql.append("t").append(t).append("(id, s) AS (");
            if (SearchText.length(word) < SearchText.TRIGRAM) {
                sql.append("SELECT j.value, g.score FROM catalog_gram_items g, json_each(g.items) j WHERE g.gram = ?");
                params.add(word);
            } else {
                List<String> levels = new ArrayList<>();
                for (int score = MatchLevel.BEST; score >= 1; score--) {
                    String table = MatchLevel.of(score).table();
                    levels.add("SELECT rowid, " + score + " FROM " + table + " WHERE " + table + " MATCH ?");
                    params.add(phrase(score, word));
                }
                sql.append(String.join(" UNION ALL ", levels));
            }
            sql.append("),\nm").append(t).append("(id, s) AS (SELECT id, max(s) FROM t").append(t).append(" GROUP BY id)");
            scores.add("m" + t + ".s");
        }
        sql.append("\nSELECT i.id, min(").append(String.join(", ", scores)).append(") AS level, count(*) OVER ()")
                .append("\nFROM m0");
        for (int t = 1; t < q.terms().size(); t++) {
            sql.append(" JOIN m").append(t).append(" ON m").append(t).append(".id = m0.id");
        }
        sql.append(" JOIN service_item i ON i.id = m0.id WHERE 1 = 1").append(filters)
                .append("\nORDER BY level DESC, i.id LIMIT ? OFFSET ?");
        List<long[]> page = new ArrayList<>();
        int total = -1;
        try (PreparedStatement ps = prepare(sql.toString(), params(params, List.of(q.limit(), q.offset())));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                page.add(new long[] {rs.getLong(1), rs.getInt(2)});
                total = rs.getInt(3);
            }
        }
        if (total < 0) {
            total = q.offset() == 0 ? 0
                    : new SearchExecutor(c, new CatalogQuery(q.terms(), q.department(), q.lifeEvent(), 1, 0), "i.id")
                            .scored().total();
        }
        return new Hits(page, total, true);
    }

    private List<Object> params(List<Object> before, List<Object> after) {
        List<Object> all = new ArrayList<>(before);
        all.addAll(filterParams);
        all.addAll(after);
        return all;
    }

    private List<long[]> rows(String sql, List<Object> before, List<Object> after) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(sql, params(before, after)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new long[] {rs.getLong(1), rs.getInt(2)});
            }
        }
        return rows;
    }

    private static Hits bounded(List<long[]> page, int count) {
        return count > TOTAL_CAP ? new Hits(page, TOTAL_CAP, false) : new Hits(page, count, true);
    }

    /** How many rows {@code matches} gives, counting no further than {@code upTo}. */
    private int count(String matches, List<Object> before, int upTo) throws SQLException {
        try (PreparedStatement ps = prepare("SELECT count(*) FROM (" + matches + " LIMIT ?)",
                params(before, List.of(upTo)));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private PreparedStatement prepare(String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }
}
