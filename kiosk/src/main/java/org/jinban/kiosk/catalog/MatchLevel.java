package org.jinban.kiosk.catalog;

/**
 * Where a query word matched an item, best first. Each field has a direct score and a lower
 * synonym score: name 6/5, keyword 4/3, material 2/1. So a name match always ranks before a
 * keyword match, which ranks before a material match, and the word itself before its synonym.
 * Each field has its own FTS5 table (see the schema); its synonyms are a column of it.
 */
public enum MatchLevel {
    NAME(6, "catalog_fts_name", "{name name_pinyin}", "name_syn"),
    KEYWORD(4, "catalog_fts_keyword", "keywords", "keywords_syn"),
    MATERIAL(2, "catalog_fts_material", "materials", "materials_syn");

    /** The best score of all. */
    public static final int BEST = 6;

    private final int direct;
    private final String table;
    private final String directColumns;
    private final String synonymColumns;

    MatchLevel(int direct, String table, String directColumns, String synonymColumns) {
        this.direct = direct;
        this.table = table;
        this.directColumns = directColumns;
        this.synonymColumns = synonymColumns;
    }

    public int direct() {
        return direct;
    }

    public int synonym() {
        return direct - 1;
    }

    /** The field a score belongs to: "name", "keyword" or "material"; null for 0 (no query). */
    public static String fieldOf(int score) {
        if (score >= NAME.synonym()) {
            return "name";
        }
        if (score >= KEYWORD.synonym()) {
            return "keyword";
        }
        return score >= MATERIAL.synonym() ? "material" : null;
    }

    static MatchLevel of(int score) {
        for (MatchLevel level : values()) {
            if (score == level.direct || score == level.synonym()) {
                return level;
            }
        }
        throw new IllegalArgumentException("no match level has score " + score);
    }

    /** The FTS5 table of this field. */
    String table() {
        return table;
    }

    /** The column filter whose match gives exactly {@code score}. */
    static String columnsOf(int score) {
        MatchLevel level = of(score);
        return score == level.direct ? level.directColumns : level.synonymColumns;
    }
}
