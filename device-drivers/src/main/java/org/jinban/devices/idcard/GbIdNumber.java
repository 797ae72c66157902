package org.jinban.devices.idcard;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * GB 11643 citizen identity number rules: 17 digits (6 region, 8 birth date, 3 sequence) and a
 * check character. Errors name the rule that failed, never the number.
 */
public final class GbIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";

    private GbIdNumber() {
    }

    /** The check character for the first 17 digits. */
    public static char checkChar(CharSequence first17) {
        if (first17.length() < 17) {
            throw bad("fewer than 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (c < '0' || c > '9') {
                throw bad("non-digit at position " + (i + 1));
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    /**
     * Checks length, digits, check character and that digits 7-14 are {@code birthDate}.
     *
     * @throws IdCardException {@code BAD_ID_NUMBER}
     */
    public static void validate(String number, LocalDate birthDate) {
        if (number == null || number.length() != 18) {
            throw bad("length " + (number == null ? "null" : number.length()) + ", expected 18");
        }
        char check = Character.toUpperCase(number.charAt(17));
        if (checkChar(number) != check) {
            throw bad("check character does not match the first 17 digits");
        }
        LocalDate encoded;
        try {
            encoded = LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
        } catch (DateTimeException e) {
            throw bad("digits 7-14 are not a date");
        }
        if (!encoded.equals(birthDate)) {
            throw bad("digits 7-14 differ from the birth date field");
        }
    }

    private static IdCardException bad(String why) {
        return new IdCardException(IdCardException.Kind.BAD_ID_NUMBER, "ID number rejected: " + why);
    }
}
