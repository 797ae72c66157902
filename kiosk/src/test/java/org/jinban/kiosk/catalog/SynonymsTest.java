package org.jinban.kiosk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The synonyms of a field: the other words of every group the field has a word of. */
class SynonymsTest {
    private static final List<List<String>> GROUPS = List.of(List.of("退休", "养老"), List.of("老人", "长者", "老年人"),
            List.of("id", "身份证"), List.of("户口", "户籍"), List.of("残疾", "残障"));

    @Test
    void theOtherWordsOfEachGroupTheTextHasAWordOfInGroupOrder() {
        Synonyms synonyms = new Synonyms(GROUPS);
        assertEquals(List.of("养老"), List.copyOf(synonyms.others("退休 证明")));
        assertEquals(List.of("老人", "长者"), List.copyOf(synonyms.others("老年人 优待证")));
        assertEquals(List.of("身份证", "户籍"), List.copyOf(synonyms.others("id card | 户口 迁移")));
        assertEquals(Set.of(), synonyms.others("居住证"));
        assertEquals(Set.of(), synonyms.others(""));
        assertEquals(Set.of(), new Synonyms(null).others("退休"));
    }

    @Test
    void findsWhatTestingEveryWordWithContainsFinds() {
        Synonyms synonyms = new Synonyms(GROUPS);
        String alphabet = "退休养老人长者年id身份证户口籍残疾障 |ab";
        Random random = new Random(7);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(List.copyOf(naive(text.toString())), List.copyOf(synonyms.others(text.toString())),
                    text.toString());
        }
    }

    /** The definition, as it was written before: every word of every group tested with contains(). */
    private static Set<String> naive(String text) {
        Set<String> others = new LinkedHashSet<>();
        for (List<String> group : GROUPS) {
            if (group.stream().anyMatch(text::contains)) {
                group.stream().filter(w -> !text.contains(w)).forEach(others::add);
            }
        }
        return others;
    }
}
