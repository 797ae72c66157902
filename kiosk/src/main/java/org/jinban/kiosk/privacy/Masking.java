package org.jinban.kiosk.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data as a screen or a receipt may show it: enough for the person to recognise their
 * own, not enough for someone behind them to learn it (张*三, 138****5678).
 *
 * <p>Names are cut by code point, not by {@code char}: the rare characters of some family and
 * given names lie outside the Basic Multilingual Plane, and half a surrogate pair would print
 * as garbage.
 */
public final class Masking {
    private static final Pattern MOBILE = Pattern.compile("(\\+86[ -]?)?(1\\d{2})(\\d{4})(\\d{4})");
    private static final Pattern LANDLINE_DASHED = Pattern.compile("(0\\d{2,3})-(\\d{7,8})");
    private static final Pattern LANDLINE = Pattern.compile("0\\d{9,11}");

    private Masking() {
    }

    /** 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明, a single character → *. */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        int[] cps = name.strip().codePoints().toArray();
        return switch (cps.length) {
            case 0 -> "";
            case 1 -> "*";
            case 2 -> Character.toString(cps[0]) + "*";
            default -> Character.toString(cps[0]) + "*".repeat(cps.length - 2) + Character.toString(cps[cps.length - 1]);
        };
    }

    /**
     * 13812345678 → 138****5678; a landline keeps its area code and last three or four digits
     * (0536-1234567 → 0536-****567, 01012345678 → 010****5678); anything else shows only its
     * last two characters.
     */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String p = phone.strip();
        Matcher m = MOBILE.matcher(p);
        if (m.matches()) {
            return (m.group(1) == null ? "" : m.group(1)) + m.group(2) + "****" + m.group(4);
        }
        m = LANDLINE_DASHED.matcher(p);
        if (m.matches()) {
            return m.group(1) + "-" + maskLocal(m.group(2));
        }
        if (LANDLINE.matcher(p).matches()) {
            // Area codes 010 and 020–029 have three digits, all others four (0536 Weifang).
            int area = p.charAt(1) == '1' || p.charAt(1) == '2' ? 3 : 4;
            String local = p.substring(area);
            if (local.length() >= 7 && local.length() <= 8) {
                return p.substring(0, area) + maskLocal(local);
            }
        }
        return keepLast(p, 2);
    }

    /** An eight-digit local number keeps four digits, a seven-digit one three: four are always hidden. */
    private static String maskLocal(String local) {
        int keep = local.length() >= 8 ? 4 : 3;
        return "*".repeat(local.length() - keep) + local.substring(local.length() - keep);
    }

    /** 370783199001011234 → **************1234. */
    public static String idNumber(String idNumber) {
        return idNumber == null ? null : keepLast(idNumber.strip(), 4);
    }

    /** All but the last {@code keep} code points masked; a text no longer than that is masked whole. */
    private static String keepLast(String text, int keep) {
        int[] cps = text.codePoints().toArray();
        if (cps.length <= keep) {
            return "*".repeat(cps.length);
        }
        return "*".repeat(cps.length - keep) + new String(cps, cps.length - keep, keep);
    }
}
