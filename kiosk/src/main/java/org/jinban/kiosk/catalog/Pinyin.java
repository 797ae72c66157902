package org.jinban.kiosk.catalog;

import java.util.BitSet;
import java.util.Map;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Toneless pinyin of Chinese text, as residents type it on a Latin keyboard: the full spelling
 * ({@code laonianren}) and the initials ({@code lnr}). ü is written {@code v}, as on every
 * Chinese input method.
 *
 * <p>pinyin4j knows every character's readings but not which one a word uses; it lists the
 * most common first, which is right for most service names. The words of this domain where
 * the first reading is wrong are listed in {@link #WORDS}.
 */
public final class Pinyin {
    /** Words whose characters are read otherwise than their first reading (多音字). */
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("银行", new String[] {"yin", "hang"}),
            Map.entry("行业", new String[] {"hang", "ye"}),
            Map.entry("重新", new String[] {"chong", "xin"}),
            Map.entry("重复", new String[] {"chong", "fu"}),
            Map.entry("重建", new String[] {"chong", "jian"}),
            Map.entry("调解", new String[] {"tiao", "jie"}),
            Map.entry("调整", new String[] {"tiao", "zheng"}),
            Map.entry("给付", new String[] {"ji", "fu"}),
            Map.entry("供给", new String[] {"gong", "ji"}),
            Map.entry("长者", new String[] {"zhang", "zhe"}),
            Map.entry("单亲", new String[] {"dan", "qin"}),
            Map.entry("还款", new String[] {"huan", "kuan"}),
            Map.entry("退还", new String[] {"tui", "huan"}),
            Map.entry("传染", new String[] {"chuan", "ran"}),
            Map.entry("处理", new String[] {"chu", "li"}),
            Map.entry("办理", new String[] {"ban", "li"}),
            Map.entry("参保", new String[] {"can", "bao"}),
            Map.entry("参加", new String[] {"can", "jia"}),
            Map.entry("缴费", new String[] {"jiao", "fei"}),
            Map.entry("地区", new String[] {"di", "qu"}),
            Map.entry("区域", new String[] {"qu", "yu"}),
            Map.entry("血液", new String[] {"xue", "ye"}),
            Map.entry("亲属", new String[] {"qin", "shu"}),
            Map.entry("家属", new String[] {"jia", "shu"}),
            Map.entry("落户", new String[] {"luo", "hu"}),
            Map.entry("出差", new String[] {"chu", "chai"}),
            Map.entry("差额", new String[] {"cha", "e"}),
            Map.entry("朝阳", new String[] {"chao", "yang"}),
            Map.entry("着落", new String[] {"zhuo", "luo"}),
            Map.entry("不得", new String[] {"bu", "de"}),
            Map.entry("觉得", new String[] {"jue", "de"}),
            Map.entry("应当", new String[] {"ying", "dang"}),
            Map.entry("适当", new String[] {"shi", "dang"}),
            Map.entry("相应", new String[] {"xiang", "ying"}),
            Map.entry("便民", new String[] {"bian", "min"}),
            Map.entry("方便", new String[] {"fang", "bian"}));
    private static final int LONGEST_WORD = 2;
    /**
     * The first characters of {@link #WORDS}: a character that starts none is read alone without
     * cutting a two-character string at it to look up, which indexing did for every character of
     * every text.
     */
    private static final BitSet WORD_STARTS = new BitSet(Character.MAX_VALUE + 1);

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();
    /**
     * Each character's reading, as pinyin4j gave it: pinyin4j parses and formats its table entry
     * (regular expressions included) on every call, which was a tenth of a large catalog delta.
     * At most one entry per ideograph of the BMP, a few hundred KiB.
     */
    private static final Map<Character, String> SYLLABLES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String NONE = "";

    static {
        WORDS.keySet().forEach(word -> WORD_STARTS.set(word.charAt(0)));
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private Pinyin() {
    }

    /** Full pinyin and initials of the Chinese characters of {@code text}; other characters are dropped. */
    public static Spelling of(String text) {
        StringBuilder full = new StringBuilder();
        StringBuilder initials = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            String[] word = null;
            for (int len = LONGEST_WORD; len >= 2 && word == null && WORD_STARTS.get(text.charAt(i)); len--) {
                if (i + len <= text.length()) {
                    word = WORDS.get(text.substring(i, i + len));
                }
            }
            if (word != null) {
                for (String syllable : word) {
                    full.append(syllable);
                    initials.append(syllable.charAt(0));
                }
                i += word.length;
                continue;
            }
            String syllable = syllable(text.charAt(i));
            if (syllable != null) {
                full.append(syllable);
                initials.append(syllable.charAt(0));
            }
            i++;
        }
        return new Spelling(full.toString(), initials.toString());
    }

    private static String syllable(char c) {
        if (!Character.isIdeographic(c)) {
            return null;
        }
        String known = SYLLABLES.get(c);
        if (known == null) {
            String read = lookUp(c);
            known = read == null ? NONE : read;
            SYLLABLES.putIfAbsent(c, known);
        }
        return known.isEmpty() ? null : known;
    }

    private static String lookUp(char c) {
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 ? null : readings[0];
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException("pinyin format is fixed and valid", e);
        }
    }

    /** The spelling of one text: full pinyin without spaces, and the first letter of each syllable. */
    public record Spelling(String full, String initials) {
        public boolean isEmpty() {
            return full.isEmpty();
        }
    }
}
