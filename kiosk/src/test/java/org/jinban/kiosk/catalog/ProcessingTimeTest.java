package org.jinban.kiosk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessingTimeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "P20D | true  | 20个工作日 | 20 working days",
            "P1D  | true  | 1个工作日 | 1 working day",
            "P30D | false | 30天 | 30 days",
            "P1M  | false | 1个月 | 1 month",
            "PT2H | false | 2小时 | 2 hours",
            "P1DT12H | false | 1天12小时 | 1 day 12 hours",
            "PT0S | true  | 即办（当场办结） | On the spot",
            "P0D  | false | 即办（当场办结） | On the spot"})
    void saysTheTimeLimitInWords(String iso, boolean workingDays, String zh, String en) {
        ProcessingTime t = ProcessingTime.parse(iso, workingDays);
        assertEquals(zh, t.text("zh-CN"));
        assertEquals(en, t.text("en"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P", "PT", "20D", "P20", "P-1D", "P1.5D", "twenty days", "P1DT"})
    void refusesWhatIsNotAnIsoDuration(String iso) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcessingTime.parse(iso, true));
        assertTrue(e.getMessage().contains(iso));
    }
}
