package org.jinban.devices.idcard;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a resident ID card holds. Building one validates the ID number (GB 11643 check character
 * and birth date), so a record in hand is a consistent one. {@link #toString()} masks every
 * personal field: records end up in logs and exception messages by accident, not by design.
 *
 * @param validTo empty for 长期 (valid long-term)
 * @param photo   the card's WLT photo, kept as bytes: decoding needs the licensed library
 */
public record IdCardRecord(
        String name,
        Gender gender,
        String nationCode,
        LocalDate birthDate,
        String address,
        String idNumber,
        String authority,
        LocalDate validFrom,
        Optional<LocalDate> validTo,
        byte[] photo) {

    public IdCardRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(nationCode, "nationCode");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validTo, "validTo");
        Objects.requireNonNull(photo, "photo");
        GbIdNumber.validate(idNumber, birthDate);
        idNumber = idNumber.toUpperCase();
        photo = photo.clone();
    }

    @Override
    public byte[] photo() {
        return photo.clone();
    }

    public boolean isLongTerm() {
        return validTo.isEmpty();
    }

    /** 张*三 style: first and last character kept, the middle starred. */
    public static String maskName(String name) {
        int n = name.codePointCount(0, name.length());
        if (n <= 1) {
            return "*";
        }
        String first = new String(Character.toChars(name.codePointAt(0)));
        String last = new String(Character.toChars(name.codePointBefore(name.length())));
        return n == 2 ? first + "*" : first + "*".repeat(n - 2) + last;
    }

    /** 3707**********123X style: region prefix and last four kept. */
    public static String maskIdNumber(String id) {
        if (id.length() < 8) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdCardRecord r
                && name.equals(r.name) && gender == r.gender && nationCode.equals(r.nationCode)
                && birthDate.equals(r.birthDate) && address.equals(r.address)
                && idNumber.equals(r.idNumber) && authority.equals(r.authority)
                && validFrom.equals(r.validFrom) && validTo.equals(r.validTo)
                && Arrays.equals(photo, r.photo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(idNumber, validFrom, Arrays.hashCode(photo));
    }

    @Override
    public String toString() {
        return "IdCardRecord[name=" + maskName(name) + ", id=" + maskIdNumber(idNumber)
                + ", address=***, photo=" + photo.length + " bytes]";
    }
}
