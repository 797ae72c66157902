package org.jinban.kiosk.appeal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tracking numbers ({@code 370783001001-01-261123-00075}): grid code, kiosk number, the kiosk's
 * local date and the day's sequence, then an ISO 7064 MOD 11-2 check character (the one
 * GB 11643 uses for ID numbers, so 0–9 or X) over every digit before it. Grid code and kiosk
 * number make it unique across the fleet without asking the centre; the check character
 * catches a mistyped digit or two swapped ones when a number is read out over the phone.
 */
public final class TrackingNumbers {
    /** What a tracking number may look like: checked before any database lookup. */
    public static final Pattern SHAPE = Pattern.compile("[0-9A-Za-z]{6,32}-[0-9]{2}-[0-9]{6}-[0-9]{4,6}[0-9X]");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");
    private static final int MAX_SEQUENCE = 999_999;

    private final String gridCode;
    private final String kioskNo;

    public TrackingNumbers(String gridCode, String kioskNo) {
        this.gridCode = gridCode;
        this.kioskNo = kioskNo;
    }

    public static String day(LocalDate date) {
        return date.format(DAY);
    }

    /** The number for the {@code sequence}th appeal of {@code day} ({@link #day}) at this kiosk. */
    public String format(String day, int sequence) {
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        String body = gridCode + "-" + kioskNo + "-" + day + "-" + String.format("%04d", sequence);
        return body + check(body);
    }

    /** A day's sequence: the {@code sequence}th appeal of {@code day} ({@link #day}). */
    public record Position(String day, int sequence) {
    }

    /**
     * Where {@code trackingNo} stands in this kiosk's numbering: empty when it is not a valid
     * number or is another grid's or kiosk's (whose numbers cannot collide with ours).
     */
    public Optional<Position> positionOf(String trackingNo) {
        String prefix = gridCode + "-" + kioskNo + "-";
        if (!valid(trackingNo) || !trackingNo.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] rest = trackingNo.substring(prefix.length(), trackingNo.length() - 1).split("-");
        if (rest.length != 2) {
            return Optional.empty();
        }
        return Optional.of(new Position(rest[0], Integer.parseInt(rest[1])));
    }

    /** Whether {@code text} is shaped like a tracking number and its check character is right. */
    public static boolean valid(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return false;
        }
        String body = text.substring(0, text.length() - 1);
        return check(body) == text.charAt(text.length() - 1);
    }

    /** ISO 7064 MOD 11-2 over the digits of {@code body} (letters in a grid code count as digits mod 10). */
    static char check(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '-') {
                continue;
            }
            int digit = Character.isDigit(c) ? c - '0' : Character.toUpperCase(c) % 10;
            sum = (sum + digit) * 2 % 11;
        }
        int check = (12 - sum % 11) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }
}
