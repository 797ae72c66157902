package org.jinban.kiosk.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link CatalogQuery} into one SQL statement with bound parameters.
 *
 * <p>Each term becomes a CTE of (item id, score): words of three or more characters query the
 * FTS5 trigram index once per field group, shorter ones the gram table. A direct match scores
 * {@code 2 × tier}, a synonym's {@code 2 × tier − 1}, so a name match always outranks a
 * keyword match, which outranks a material match, and the word itself outranks its synonym
 * within a field. Terms are joined (all must match) and their scores added; equal scores fall
 * back to popularity and catalog order.
 *
 * <p>Only folded words (letters and digits, see {@link SearchText}) reach an FTS5 MATCH, and
 * always inside a quoted phrase, so no query can change the MATCH syntax.
 */
record SearchSql(String sql, List<Object> params) {

    private static final String[][] FTS_FIELDS = {
            {"{name name_pinyin}", String.valueOf(SearchDocument.TIER_NAME)},
            {"keywords", String.valueOf(SearchDocument.TIER_KEYWORD)},
            {"materials", String.valueOf(SearchDocument.TIER_MATERIAL)},
    };

    private static final String SELECT = """
            SELECT i.code, i.name_zh, i.name_en, i.department_code, d.name_zh AS dept_zh, d.name_en AS dept_en,
                   i.handling_level, i.processing_time, i.processing_working_days, i.proxy_handling,
                   i.online_available, %s AS score, %s AS weakest, count(*) OVER () AS total
            """;

    static SearchSql of(CatalogQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        List<CatalogQuery.Term> terms = q.terms();
        if (terms.isEmpty()) {
            sql.append(SELECT.formatted("0", "0")).append("FROM service_item i\n");
        } else {
            sql.append("WITH ");
            for (int t = 0; t < terms.size(); t++) {
                if (t > 0) {
                    sql.append(",\n");
                }
                sql.append("t").append(t).append("(id, s) AS (");
                termSelects(terms.get(t), sql, params);
                sql.append("),\nm").append(t).append("(id, s) AS (SELECT id, max(s) FROM t").append(t)
                        .append(" GROUP BY id)");
            }
            List<String> scores = new ArrayList<>();
            for (int t = 0; t < terms.size(); t++) {
                scores.add("m" + t + ".s");
            }
            String weakest = terms.size() == 1 ? "m0.s" : "min(" + String.join(", ", scores) + ")";
            sql.append('\n').append(SELECT.formatted(String.join(" + ", scores), weakest)).append("FROM m0\n");
            for (int t = 1; t < terms.size(); t++) {
                sql.append("JOIN m").append(t).append(" ON m").append(t).append(".id = m0.id\n");
            }
            sql.append("JOIN service_item i ON i.id = m0.id\n");
        }
        sql.append("JOIN department d ON d.code = i.department_code\nWHERE 1 = 1\n");
        q.department().ifPresent(code -> {
            sql.append("AND i.department_code = ?\n");
            params.add(code);
        });
        q.lifeEvent().ifPresent(code -> {
            sql.append("AND EXISTS (SELECT 1 FROM service_item_life_event e WHERE e.item_id = i.id AND e.life_event_code = ?)\n");
            params.add(code);
        });
        sql.append("ORDER BY score DESC, i.popularity DESC, i.position\nLIMIT ? OFFSET ?");
        params.add(q.limit());
        params.add(q.offset());
        return new SearchSql(sql.toString(), List.copyOf(params));
    }

    private static void termSelects(CatalogQuery.Term term, StringBuilder sql, List<Object> params) {
        List<String> selects = new ArrayList<>();
        alternative(term.word(), false, selects, params);
        for (String synonym : term.synonyms()) {
            alternative(synonym, true, selects, params);
        }
        sql.append(String.join(" UNION ALL ", selects));
    }

    private static void alternative(String word, boolean synonym, List<String> selects, List<Object> params) {
        int penalty = synonym ? 1 : 0;
        if (SearchText.length(word) >= SearchText.TRIGRAM) {
            for (String[] field : FTS_FIELDS) {
                int score = 2 * Integer.parseInt(field[1]) - penalty;
                selects.add("SELECT rowid, " + score + " FROM catalog_fts WHERE catalog_fts MATCH ?");
                params.add(field[0] + " : \"" + word + "\"");
            }
        } else {
            selects.add("SELECT item_id, 2 * tier - " + penalty + " FROM catalog_gram WHERE gram = ?");
            params.add(word);
        }
    }
}
