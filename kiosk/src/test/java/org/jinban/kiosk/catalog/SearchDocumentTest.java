package org.jinban.kiosk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The FTS column texts of an item: its words, without the ones FTS5 would find anyway. */
class SearchDocumentTest {

    @Test
    void aColumnKeepsEachWordOnceInTheOrderTheyCome() {
        assertEquals("结婚证 补办 jiehunzheng jhz",
                SearchDocument.column(List.of("结婚证 补办", "结婚证", "jiehunzheng", "jhz", "结婚证 补办")));
        assertEquals("marriage certificate", SearchDocument.column(List.of("marriage certificate", "marriage")));
        assertEquals("", SearchDocument.column(List.of()));
        assertEquals("", SearchDocument.column(List.of("", " ")));
    }

    /**
     * What the search asks FTS5 (one folded word as a phrase, through the trigram tokenizer)
     * finds the same rows in the texts joined whole as in the compact column, for every
     * substring of the texts and for random words, in real FTS5 tables. The words come from a
     * small vocabulary, so that texts repeat words as an item's names and keywords do.
     */
    @Test
    void findsWhatTheTextsJoinedWholeFind() throws SQLException {
        Random random = new Random(11);
        String alphabet = "结婚证补办离户口身份abcdeij12";
        List<String> vocabulary = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            vocabulary.add(word(random, alphabet));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement st = c.createStatement()) {
            st.execute("CREATE VIRTUAL TABLE whole USING fts5(t, tokenize = 'trigram')");
            st.execute("CREATE VIRTUAL TABLE compact USING fts5(t, tokenize = 'trigram', content = '', "
                    + "contentless_delete = 1)");
            Set<String> queries = new LinkedHashSet<>();
            long wholeChars = 0;
            long compactChars = 0;
            try (PreparedStatement whole = c.prepareStatement("INSERT INTO whole (rowid, t) VALUES (?, ?)");
                 PreparedStatement compact = c.prepareStatement("INSERT INTO compact (rowid, t) VALUES (?, ?)")) {
                for (int row = 1; row <= 400; row++) {
                    List<String> texts = new ArrayList<>();
                    for (int t = random.nextInt(8); t > 0; t--) {
                        List<String> words = new ArrayList<>();
                        for (int w = 1 + random.nextInt(4); w > 0; w--) {
                            words.add(vocabulary.get(random.nextInt(vocabulary.size())));
                        }
                        texts.add(String.join(" ", words));
                    }
                    String joined = String.join(" | ", texts);
                    String column = SearchDocument.column(texts);
                    wholeChars += joined.length();
                    compactChars += column.length();
                    for (String word : joined.split("[ |]+")) {
                        for (int from = 0; from + 3 <= word.length(); from++) {
                            for (int to = from + 3; to <= word.length(); to++) {
                                queries.add(word.substring(from, to));
                            }
                        }
                    }
                    whole.setLong(1, row);
                    whole.setString(2, joined);
                    whole.executeUpdate();
                    compact.setLong(1, row);
                    compact.setString(2, column);
                    compact.executeUpdate();
                }
            }
            for (int n = 0; n < 500; n++) {
                queries.add(word(random, alphabet));
            }
            int found = 0;
            for (String query : queries) {
                if (query.length() < 3) {
                    continue;
                }
                Set<Long> expected = rows(c, "whole", query);
                assertEquals(expected, rows(c, "compact", query), query);
                found += expected.isEmpty() ? 0 : 1;
            }
            assertTrue(found > 200, "the queries find rows: " + found);
            assertTrue(compactChars < wholeChars * 9 / 10, compactChars + " of " + wholeChars + " characters");
        }
    }

    private static String word(Random random, String alphabet) {
        StringBuilder word = new StringBuilder();
        for (int i = 1 + random.nextInt(7); i > 0; i--) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }

    private static Set<Long> rows(Connection c, String table, String word) throws SQLException {
        Set<Long> rows = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rowid FROM " + table + " WHERE " + table
                + " MATCH ?")) {
            ps.setString(1, "\"" + word + "\"");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getLong(1));
                }
            }
        }
        return rows;
    }
}
