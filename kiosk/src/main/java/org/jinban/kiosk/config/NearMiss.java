package org.jinban.kiosk.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a technician most likely meant by a key the kiosk does not read: a name a typo or two
 * away under the same section, or the same name in another section.
 */
final class NearMiss {
    private static final int MAX_EDITS = 2;

    private NearMiss() {
    }

    /** The message for an unknown key, e.g. {@code unknown key; did you mean kiosk.ui.idle-timeout?}. */
    static String unknownKey(String path) {
        int dot = path.lastIndexOf('.');
        String section = dot < 0 ? "" : path.substring(0, dot);
        String name = path.substring(dot + 1);
        List<String> siblings = ConfigSchema.namesUnder(section);
        Optional<String> near = closest(name, siblings);
        if (near.isPresent()) {
            return "unknown key; did you mean " + (section.isEmpty() ? "" : section + ".") + near.get() + "?";
        }
        Optional<String> elsewhere = ConfigSchema.keys().stream().map(ConfigSchema.Key::path)
                .filter(p -> p.endsWith("." + name)).findFirst();
        if (elsewhere.isPresent()) {
            return "unknown key here; did you mean " + elsewhere.get() + "?";
        }
        if (siblings.isEmpty()) {
            return "unknown key; the kiosk does not read it";
        }
        return "unknown key; the kiosk reads only " + String.join(", ", siblings)
                + (section.isEmpty() ? " at the top level" : " under " + section);
    }

    private static Optional<String> closest(String name, List<String> candidates) {
        return candidates.stream()
                .filter(c -> distance(name, c) <= Math.min(MAX_EDITS, Math.max(1, c.length() / 3)))
                .min(Comparator.comparingInt(c -> distance(name, c)));
    }

    /** Levenshtein distance, counting a swap of two neighbours as one edit (idel → idle). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
