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
 * 40% Chinese substrings of 1–4 characters, 20% full pinyin of 2–4 consecutive characters of a
 * name, 20% pinyin initials (any 2–4 letter substring), 20% English words of 3+ letters.
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
                case 2 -> syllables(item.name().zh(), 2 + random.nextInt(3), random);
                case 3 -> substring(Pinyin.of(item.name().zh()).initials(), 2 + random.nextInt(3), random);
                default -> english(item, random);
            };
            if (!q.isBlank()) {
                queries.add(q);
            }
        }
        return queries;
    }

    /**
     * The full pinyin of {@code count} consecutive characters of {@code zh}, as a resident types
     * a word of the name on a Latin keyboard ("yibao", "juzhuzheng"): whole syllables.
     */
    private static String syllables(String zh, int count, Random random) {
        List<String> each = new ArrayList<>();
        zh.codePoints().filter(Character::isIdeographic)
                .forEach(cp -> each.add(Pinyin.of(new String(Character.toChars(cp))).full()));
        if (each.isEmpty()) {
            return "";
        }
        int n = Math.min(count, each.size());
        int start = random.nextInt(each.size() - n + 1);
        return String.join("", each.subList(start, start + n));
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
