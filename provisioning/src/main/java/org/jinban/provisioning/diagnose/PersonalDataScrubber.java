package org.jinban.provisioning.diagnose;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Defense in depth over log text: the kiosk never logs personal data, but if a bug ever did,
 * the archive must not carry it to a support ticket. Masks anything shaped like a resident ID
 * number (18 characters: region, a real birth date, sequence, check digit or X; masked whether
 * or not the check digit is right, since a mistyped number is still personal data) and any
 * mainland mobile number ({@code 1[3-9]} and nine digits, also written 3-4-4 or with +86).
 * It counts what it masked: any count above zero is itself a bug to report.
 */
final class PersonalDataScrubber {
    static final String ID_MASK = "[id-number masked]";
    static final String PHONE_MASK = "[phone masked]";

    // Letters and digits around a match mean it is part of a longer token (a hash, a uuid).
    private static final Pattern ID_NUMBER = Pattern.compile(
            "(?<![0-9A-Za-z])[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx]"
                    + "(?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9A-Za-z+])(?:\\+?86[- ]?)?1[3-9]\\d(?:\\d{8}|[- ]\\d{4}[- ]\\d{4})(?![0-9A-Za-z])");

    private int idNumbers;
    private int phones;

    /** {@code text} with every ID number and mobile number masked; the counts grow by what was masked. */
    String scrub(String text) {
        Matcher ids = ID_NUMBER.matcher(text);
        StringBuilder once = new StringBuilder(text.length());
        while (ids.find()) {
            idNumbers++;
            ids.appendReplacement(once, Matcher.quoteReplacement(ID_MASK));
        }
        ids.appendTail(once);
        Matcher mobiles = MOBILE.matcher(once);
        StringBuilder twice = new StringBuilder(once.length());
        while (mobiles.find()) {
            phones++;
            mobiles.appendReplacement(twice, Matcher.quoteReplacement(PHONE_MASK));
        }
        mobiles.appendTail(twice);
        return twice.toString();
    }

    int idNumbers() {
        return idNumbers;
    }

    int phones() {
        return phones;
    }

    int total() {
        return idNumbers + phones;
    }
}
