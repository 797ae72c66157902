package org.jinban.devices.idcard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GbIdNumberTest {

    @ParameterizedTest
    @CsvSource({"37078319900101123, 2", "37078319920315002, X", "11010519491231002, X", "37078319851231002, 9"})
    void computesCheckCharacter(String first17, char check) {
        assertEquals(check, GbIdNumber.checkChar(first17));
    }

    @Test
    void acceptsGoodNumbersIncludingLowercaseX() {
        assertDoesNotThrow(() -> GbIdNumber.validate("370783199001011232", LocalDate.of(1990, 1, 1)));
        assertDoesNotThrow(() -> GbIdNumber.validate("37078319920315002X", LocalDate.of(1992, 3, 15)));
        assertDoesNotThrow(() -> GbIdNumber.validate("37078319920315002x", LocalDate.of(1992, 3, 15)));
    }

    @ParameterizedTest
    @CsvSource({
        "370783199001011233, check character",
        "370783199203150029, check character",
        "37078319900101123, length",
        "3707831990010112322, length",
        "37078319900A011232, non-digit"})
    void rejectsBadNumbersWithoutEchoingThem(String number, String reason) {
        IdCardException e = assertThrows(IdCardException.class,
                () -> GbIdNumber.validate(number, LocalDate.of(1990, 1, 1)));
        assertEquals(IdCardException.Kind.BAD_ID_NUMBER, e.kind());
        assertFalse(e.getMessage().contains(number), e.getMessage());
        assertFalse(e.getMessage().contains(number.substring(0, 17)), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void rejectsBirthDateThatDisagreesWithDigits() {
        IdCardException e = assertThrows(IdCardException.class,
                () -> GbIdNumber.validate("370783199001011232", LocalDate.of(1990, 1, 2)));
        assertEquals(IdCardException.Kind.BAD_ID_NUMBER, e.kind());
    }
}
