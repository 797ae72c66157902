package org.jinban.kiosk.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The promised time limit (承诺时限) of an item: an ISO 8601 duration as in CPSV-AP, plus
 * whether its days are working days, which is how Chinese service lists state them.
 *
 * <p>Hand-parsed because {@link java.time.Duration} rejects years, months and weeks and
 * {@link java.time.Period} rejects hours; a time limit may use either.
 */
public record ProcessingTime(String iso, boolean workingDays, int years, int months, int weeks, int days,
                             int hours, int minutes) {

    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d{1,4})Y)?(?:(\\d{1,4})M)?(?:(\\d{1,4})W)?(?:(\\d{1,4})D)?"
                    + "(?:T(?:(\\d{1,4})H)?(?:(\\d{1,4})M)?(?:(\\d{1,4})S)?)?");

    /** Parses {@code iso}; throws {@link IllegalArgumentException} naming the value if it is not one. */
    public static ProcessingTime parse(String iso, boolean workingDays) {
        Matcher m = iso == null ? null : ISO.matcher(iso);
        if (m == null || !m.matches() || iso.equals("P") || iso.endsWith("T")) {
            throw new IllegalArgumentException("not an ISO 8601 duration: '" + iso + "'");
        }
        return new ProcessingTime(iso, workingDays, num(m, 1), num(m, 2), num(m, 3), num(m, 4),
                num(m, 5), num(m, 6));
    }

    private static int num(Matcher m, int group) {
        String g = m.group(group);
        return g == null ? 0 : Integer.parseInt(g);
    }

    /** True when the item is handled on the spot (即办): a zero duration. */
    public boolean onTheSpot() {
        return years + months + weeks + days + hours + minutes == 0;
    }

    /** The time limit in words, e.g. "20个工作日" or "20 working days". */
    public String text(String lang) {
        boolean en = "en".equals(lang);
        if (onTheSpot()) {
            return en ? "On the spot" : "即办（当场办结）";
        }
        List<String> parts = new ArrayList<>();
        add(parts, en, years, "年", "year");
        add(parts, en, months, "个月", "month");
        add(parts, en, weeks, "周", "week");
        if (days > 0) {
            if (workingDays) {
                parts.add(en ? days + (days == 1 ? " working day" : " working days") : days + "个工作日");
            } else {
                add(parts, en, days, "天", "day");
            }
        }
        add(parts, en, hours, "小时", "hour");
        add(parts, en, minutes, "分钟", "minute");
        return String.join(en ? " " : "", parts);
    }

    private static void add(List<String> parts, boolean en, int n, String zh, String enUnit) {
        if (n > 0) {
            parts.add(en ? n + " " + enUnit + (n == 1 ? "" : "s") : n + zh);
        }
    }
}
