package org.jinban.kiosk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PinyinTest {

    @ParameterizedTest
    @CsvSource({
            "老年人优待证, laonianrenyoudaizheng, lnrydz",
            "居住证, juzhuzheng, jzz",
            "银行卡, yinhangka, yhk",
            "城乡居民医保参保登记, chengxiangjuminyibaocanbaodengji, cxjmybcbdj",
            "新生儿落户, xinshengerluohu, xselh",
            "绿色通道, lvsetongdao, lstd",
            "残疾人证（80岁以上）, canjirenzhengsuiyishang, cjrzsys"})
    void spellsChineseAsResidentsTypeIt(String text, String full, String initials) {
        Pinyin.Spelling s = Pinyin.of(text);
        assertEquals(full, s.full());
        assertEquals(initials, s.initials());
    }

    @Test
    void textWithoutChineseHasNoSpelling() {
        assertTrue(Pinyin.of("ID card 2024").isEmpty());
    }
}
