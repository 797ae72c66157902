package org.jinban.devices.idcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdCardRecordTest {

    @Test
    void toStringMasksPersonalData() {
        IdCardRecord r = IdCardSamples.longTermSample();
        String s = r.toString();
        assertTrue(s.contains("演**员"), s);
        assertTrue(s.contains("3707**********002X"), s);
        assertFalse(s.contains(r.name()), s);
        assertFalse(s.contains(r.idNumber()), s);
        assertFalse(s.contains("19920315"), s);
        assertFalse(s.contains("文家街道"), s);
    }

    @Test
    void masksShortNames() {
        assertEquals("张*三", IdCardRecord.maskName("张小三"));
        assertEquals("张*", IdCardRecord.maskName("张三"));
        assertEquals("*", IdCardRecord.maskName("张"));
        assertEquals("欧**丹", IdCardRecord.maskName("欧阳小丹"));
    }

    @Test
    void photoIsCopiedInAndOut() {
        byte[] photo = IdCardSamples.fakePhoto(7);
        IdCardRecord r = withPhoto(photo);
        photo[0] ^= 1;
        assertNotEquals(photo[0], r.photo()[0]);
        r.photo()[1] ^= 1;
        assertEquals(IdCardSamples.fakePhoto(7)[1], r.photo()[1]);
        assertEquals(withPhoto(IdCardSamples.fakePhoto(7)), r);
    }

    @Test
    void rejectsInconsistentNumber() {
        IdCardException e = assertThrows(IdCardException.class, () -> new IdCardRecord("测试", Gender.MALE, "01",
                LocalDate.of(1990, 1, 2), "测试路", "370783199001011232", "测试局", LocalDate.of(2020, 1, 1),
                Optional.empty(), new byte[0]));
        assertEquals(IdCardException.Kind.BAD_ID_NUMBER, e.kind());
    }

    private static IdCardRecord withPhoto(byte[] photo) {
        IdCardRecord s = IdCardSamples.testSample();
        return new IdCardRecord(s.name(), s.gender(), s.nationCode(), s.birthDate(), s.address(), s.idNumber(),
                s.authority(), s.validFrom(), s.validTo(), photo);
    }
}
