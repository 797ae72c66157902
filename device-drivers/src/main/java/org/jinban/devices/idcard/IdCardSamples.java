package org.jinban.devices.idcard;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Clearly fictional cards for the simulator, tests and the demo. The numbers pass GB 11643 so
 * the real validation runs on them; region 370783 is Shouguang, the people do not exist.
 */
public final class IdCardSamples {

    private IdCardSamples() {
    }

    /** 测试样例, male, card valid for 20 years. */
    public static IdCardRecord testSample() {
        return new IdCardRecord("测试样例", Gender.MALE, "01", LocalDate.of(1990, 1, 1),
                "山东省寿光市圣城街道测试路1号", "370783199001011232", "寿光市公安局",
                LocalDate.of(2020, 5, 1), Optional.of(LocalDate.of(2040, 5, 1)), fakePhoto(1));
    }

    /** 演示人员, female, long-term card (长期), check character X. */
    public static IdCardRecord longTermSample() {
        return new IdCardRecord("演示人员", Gender.FEMALE, "01", LocalDate.of(1992, 3, 15),
                "山东省寿光市文家街道演示村2号", "37078319920315002X", "寿光市公安局",
                LocalDate.of(2015, 8, 20), Optional.empty(), fakePhoto(2));
    }

    /** 1024 bytes that look nothing like a face: real WLT data never leaves a card reader here. */
    public static byte[] fakePhoto(int seed) {
        byte[] photo = new byte[1024];
        for (int i = 0; i < photo.length; i++) {
            photo[i] = (byte) (i * 31 + seed);
        }
        return photo;
    }
}
