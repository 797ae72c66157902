package org.jinban.devices.idcard;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * The 256-byte UCS-2LE text block of a card: fixed-width, space-padded fields. Errors name the
 * field and its byte offset, never its content.
 */
public final class IdCardTextBlock {

    public static final int SIZE = 256;
    /** 长期: the card does not expire. */
    static final String LONG_TERM = "长期";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    /** Field widths in bytes, in card order. */
    private enum Field {
        NAME(30), GENDER(2), NATION(4), BIRTH(16), ADDRESS(70), ID_NUMBER(36),
        AUTHORITY(30), VALID_FROM(16), VALID_TO(16), RESERVED(36);

        final int bytes;

        Field(int bytes) {
            this.bytes = bytes;
        }

        int offset() {
            int off = 0;
            for (Field f : values()) {
                if (f == this) {
                    return off;
                }
                off += f.bytes;
            }
            throw new AssertionError(this);
        }
    }

    private IdCardTextBlock() {
    }

    /**
     * Decodes a text block and attaches the photo bytes.
     *
     * @throws IdCardException {@code MALFORMED_TEXT} or {@code BAD_ID_NUMBER}
     */
    public static IdCardRecord decode(byte[] text, byte[] photo) {
        if (text.length != SIZE) {
            throw malformed("text block is " + text.length + " bytes, expected " + SIZE);
        }
        String gender = field(text, Field.GENDER);
        String validTo = field(text, Field.VALID_TO);
        return new IdCardRecord(
                field(text, Field.NAME),
                Gender.of(gender.length() == 1 ? gender.charAt(0) : '?')
                        .orElseThrow(() -> malformed("gender code at byte " + Field.GENDER.offset()
                                + " is not 0/1/2/9")),
                field(text, Field.NATION),
                date(text, Field.BIRTH),
                field(text, Field.ADDRESS),
                field(text, Field.ID_NUMBER),
                field(text, Field.AUTHORITY),
                date(text, Field.VALID_FROM),
                validTo.equals(LONG_TERM) ? Optional.empty() : Optional.of(date(text, Field.VALID_TO)),
                photo);
    }

    /** The block a card with this record would hold (the simulator's side of {@link #decode}). */
    public static byte[] encode(IdCardRecord r) {
        byte[] text = new byte[SIZE];
        put(text, Field.NAME, r.name());
        put(text, Field.GENDER, String.valueOf(r.gender().code()));
        put(text, Field.NATION, r.nationCode());
        put(text, Field.BIRTH, DATE.format(r.birthDate()));
        put(text, Field.ADDRESS, r.address());
        put(text, Field.ID_NUMBER, r.idNumber());
        put(text, Field.AUTHORITY, r.authority());
        put(text, Field.VALID_FROM, DATE.format(r.validFrom()));
        put(text, Field.VALID_TO, r.validTo().map(DATE::format).orElse(LONG_TERM));
        put(text, Field.RESERVED, "");
        return text;
    }

    private static String field(byte[] text, Field f) {
        String s = new String(text, f.offset(), f.bytes, StandardCharsets.UTF_16LE);
        int end = s.length();
        // Cards pad with spaces; some readers leave NULs in unused space.
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static LocalDate date(byte[] text, Field f) {
        try {
            return LocalDate.parse(field(text, f), DATE);
        } catch (DateTimeParseException e) {
            throw malformed(f.name().toLowerCase() + " at byte " + f.offset() + " is not a yyyyMMdd date");
        }
    }

    private static void put(byte[] text, Field f, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_16LE);
        if (bytes.length > f.bytes) {
            throw new IllegalArgumentException(f.name().toLowerCase() + " longer than " + f.bytes / 2
                    + " characters");
        }
        byte[] space = " ".getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(bytes, 0, text, f.offset(), bytes.length);
        for (int i = bytes.length; i < f.bytes; i += 2) {
            System.arraycopy(space, 0, text, f.offset() + i, 2);
        }
    }

    private static IdCardException malformed(String why) {
        return new IdCardException(IdCardException.Kind.MALFORMED_TEXT, "ID card text block: " + why);
    }
}
