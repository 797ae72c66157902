package org.jinban.kiosk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** An item's grams with the best score each: what a map keeping the larger score would hold. */
class GramSetTest {

    @Test
    void holdsTheBestScoreOfEachGramAsAMapWould() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            GramSet set = new GramSet(1 + random.nextInt(300));
            Map<Long, Integer> expected = new HashMap<>();
            for (int n = random.nextInt(2_000); n > 0; n--) {
                // few distinct keys, some colliding in the low bits, keys of both kinds
                long key = random.nextBoolean() ? random.nextInt(400)
                        : SearchText.gram(random.nextInt(40), random.nextInt(40) << 16);
                int score = 1 + random.nextInt(MatchLevel.BEST);
                set.add(key, score);
                expected.merge(key, score, Math::max);
            }
            Map<Long, Integer> held = new HashMap<>();
            for (int slot = 0; slot < set.capacity(); slot++) {
                if (set.scoreAt(slot) != 0) {
                    held.put(set.keyAt(slot), set.scoreAt(slot));
                }
            }
            assertEquals(expected, held);
            assertEquals(expected.size(), set.size());
            expected.forEach((key, score) -> assertEquals(score, set.score(key)));
            assertEquals(0, set.score(-1));
        }
        assertEquals(0, GramSet.EMPTY.size());
    }

    @Test
    void refusesAScoreNoMatchLevelHas() {
        GramSet set = new GramSet(4);
        assertThrows(IllegalArgumentException.class, () -> set.add(1, 0));
        assertThrows(IllegalArgumentException.class, () -> set.add(1, MatchLevel.BEST + 1));
    }
}
