package org.jinban.kiosk.ime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import io.helidon.common.parameters.Parameters;
import org.jinban.kiosk.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks of the candidates endpoint's parameters: each bad one is named. */
class ImeQueryTest {
    private static ImeQuery query(Map<String, String> params) {
        Map<String, List<String>> lists = new java.util.HashMap<>();
        params.forEach((k, v) -> lists.put(k, List.of(v)));
        return ImeQuery.from(Parameters.create("query", lists));
    }

    private static List<String> badFields(Map<String, String> params) {
        ApiException e = assertThrows(ApiException.class, () -> query(params));
        assertEquals(400, e.status().code());
        assertEquals("invalid-request", e.type());
        return e.errors().stream().map(ApiException.FieldError::field).toList();
    }

    @Test
    void readsLettersAndLimit() {
        assertEquals(new ImeQuery("shenqing", 20), query(Map.of("pinyin", "shenqing")));
        assertEquals(new ImeQuery("shenqing", 5), query(Map.of("pinyin", "ShenQing", "limit", "5")));
        assertEquals(new ImeQuery("a".repeat(64), 50), query(Map.of("pinyin", "a".repeat(64), "limit", "50")));
        assertEquals(new ImeQuery("lv", 1), query(Map.of("pinyin", "lv", "limit", "1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "shen qing", "shen'qing", "申请", "abc1", "lü", "ｓｈｅｎ", "a-b", "%00"})
    void anythingButLettersIsNamed(String pinyin) {
        assertEquals(List.of("pinyin"), badFields(Map.of("pinyin", pinyin)));
    }

    @Test
    void missingOrTooLongLettersAreNamed() {
        assertEquals(List.of("pinyin"), badFields(Map.of()));
        ApiException e = assertThrows(ApiException.class, () -> query(Map.of("pinyin", "a".repeat(65))));
        assertEquals("must be at most 64 letters, was 65", e.errors().getFirst().message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "51", "-1", "ten", "1.5"})
    void aLimitOutside1To50IsNamed(String limit) {
        assertEquals(List.of("limit"), badFields(Map.of("pinyin", "shi", "limit", limit)));
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        assertEquals(List.of("pinyin", "limit"), badFields(Map.of("pinyin", "1", "limit", "0")));
    }
}
