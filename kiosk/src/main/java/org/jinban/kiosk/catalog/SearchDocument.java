package org.jinban.kiosk.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the search indexes hold for one item: the four FTS5 columns (searched by trigram for
 * queries of three or more characters) and the one- and two-character grams with the best
 * field each occurs in.
 *
 * <p>Chinese words contribute every gram, so any one- or two-character substring finds them;
 * English words and full pinyin contribute only their first one or two letters, so "id" finds
 * "ID card" but "d" alone does not drown the list in every word with a d in it; pinyin
 * initials contribute every gram, like the Chinese they stand for.
 */
public record SearchDocument(String name, String namePinyin, String keywords, String materials,
                             Map<String, Integer> grams) {

    public static final int TIER_NAME = 3;
    public static final int TIER_KEYWORD = 2;
    public static final int TIER_MATERIAL = 1;
    private static final String SEPARATOR = " | ";

    public static SearchDocument of(ServiceItem item) {
        Map<String, Integer> grams = new HashMap<>();

        List<String> zhNames = new ArrayList<>();
        List<String> enNames = new ArrayList<>();
        zhNames.add(item.name().zh());
        enNames.add(item.name().en());
        item.alternativeNames().forEach(n -> {
            zhNames.add(n.zh());
            enNames.add(n.en());
        });
        List<String> nameSpellings = new ArrayList<>();
        for (String zh : zhNames) {
            chineseGrams(zh, TIER_NAME, grams);
            spellingGrams(zh, TIER_NAME, grams, nameSpellings);
        }
        enNames.forEach(en -> latinGrams(en, TIER_NAME, grams));

        List<String> keywordTexts = new ArrayList<>();
        for (String zh : item.keywords().zh()) {
            keywordTexts.add(SearchText.fold(zh));
            chineseGrams(zh, TIER_KEYWORD, grams);
            spellingGrams(zh, TIER_KEYWORD, grams, keywordTexts);
        }
        for (String en : item.keywords().en()) {
            keywordTexts.add(SearchText.fold(en));
            latinGrams(en, TIER_KEYWORD, grams);
        }

        List<String> materialTexts = new ArrayList<>();
        for (ServiceItem.Evidence evidence : item.requiredEvidence()) {
            materialTexts.add(SearchText.fold(evidence.name().zh()));
            materialTexts.add(SearchText.fold(evidence.name().en()));
            chineseGrams(evidence.name().zh(), TIER_MATERIAL, grams);
            latinGrams(evidence.name().en(), TIER_MATERIAL, grams);
        }

        List<String> nameTexts = new ArrayList<>();
        zhNames.forEach(n -> nameTexts.add(SearchText.fold(n)));
        enNames.forEach(n -> nameTexts.add(SearchText.fold(n)));
        return new SearchDocument(join(nameTexts), join(nameSpellings), join(keywordTexts), join(materialTexts),
                Map.copyOf(grams));
    }

    private static void chineseGrams(String text, int tier, Map<String, Integer> grams) {
        Set<String> found = new HashSet<>();
        for (String word : SearchText.words(text)) {
            if (SearchText.hasHan(word)) {
                SearchText.allGrams(word, found);
            } else {
                SearchText.prefixGrams(word, found);
            }
        }
        found.forEach(g -> grams.merge(g, tier, Math::max));
    }

    private static void latinGrams(String text, int tier, Map<String, Integer> grams) {
        Set<String> found = new HashSet<>();
        SearchText.words(text).forEach(w -> SearchText.prefixGrams(w, found));
        found.forEach(g -> grams.merge(g, tier, Math::max));
    }

    private static void spellingGrams(String zh, int tier, Map<String, Integer> grams, List<String> texts) {
        Pinyin.Spelling spelling = Pinyin.of(zh);
        if (spelling.isEmpty()) {
            return;
        }
        texts.add(spelling.full());
        texts.add(spelling.initials());
        Set<String> found = new HashSet<>();
        SearchText.prefixGrams(spelling.full(), found);
        SearchText.allGrams(spelling.initials(), found);
        found.forEach(g -> grams.merge(g, tier, Math::max));
    }

    private static String join(List<String> parts) {
        return String.join(SEPARATOR, parts.stream().filter(p -> !p.isEmpty()).toList());
    }
}
