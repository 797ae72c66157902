package org.jinban.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.Pinyin;
import org.jinban.kiosk.catalog.SearchText;
import org.jinban.kiosk.catalog.ServiceItem;

/**
 * The 1,000 queries of the benchmark, drawn with a fixed seed from the catalog itself:
 * 40% Chinese substrings of 1–4 characters, 20% full pinyin, 20% pinyin initials, 20% English.
 */
final class QueryMix {
    private QueryMix() {
    }

    static List<String> draw(CatalogDocument catalog, int count, long seed) {
        Random random = new Random(seed);
        List<String> queries = new ArrayList<>(count);
        List<ServiceItem> items = catalog.items();
        while (queries.size() < count) {
            ServiceItem item = items.get(random.nextInt(items.size()));
            int kind = queries.size() % 5;
            String q = switch (kind) {
                case 0, 1 -> substring(chinese(item, random), 1 + (queries.size() / 5) % 4, random);
                case 2 -> substring(Pinyin.of(item.name().zh()).full(), 3 + random.nextInt(6), random);
                case 3 -> substring(Pinyin.of(item.name().zh()).initials(), 2 + random.nextInt(3), random);
                default -> english(item, random);
            };
            if (!q.isBlank()) {
                queries.add(q);
            }
        }
        return queries;
    }

    private static String chinese(ServiceItem item, Random random) {
        List<String> texts = new ArrayList<>();
        texts.add(item.name().zh());
        texts.addAll(item.keywords().zh());
        return texts.get(random.nextInt(texts.size()));
    }

    private static String english(ServiceItem item, Random random) {
        List<String> words = new ArrayList<>(SearchText.words(item.name().en()));
        item.keywords().en().forEach(k -> words.addAll(SearchText.words(k)));
        words.removeIf(w -> w.length() < 3);
        return words.isEmpty() ? "" : words.get(random.nextInt(words.size()));
    }

    private static String substring(String text, int length, Random random) {
        int[] cps = text.codePoints().filter(Character::isLetterOrDigit).toArray();
        if (cps.length == 0) {
            return "";
        }
        int len = Math.min(length, cps.length);
        int start = random.nextInt(cps.length - len + 1);
        return new String(cps, start, len);
    }
}
