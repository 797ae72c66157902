package org.jinban.kiosk.catalog;

import static org.jinban.kiosk.testing.CatalogFixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.Kiosk;
import org.junit.jupiter.api.Test;

/**
 * The delta reader keeps each upsert as its JSON and reads what Jackson's own binding of the
 * whole body would: the same fields, the same items once bound, the same refusals.
 */
class CatalogDeltaReaderTest {
    private final ObjectMapper json = Kiosk.objectMapper();
    private final CatalogDeltaReader reader = new CatalogDeltaReader(json);

    private CatalogDelta read(String body) throws IOException {
        return reader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<ServiceItem> bound(CatalogDelta delta) {
        List<ServiceItem> items = new ArrayList<>();
        delta.upserts().forEach(u -> items.add(u.item()));
        return items;
    }

    @Test
    void readsWhatBindingTheWholeBodyReads() throws Exception {
        List<ServiceItem> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // several of the reader's buffers, and Chinese text across their edges
            items.add(item("JB-%03d".formatted(i), "社区长者助浴上门预约服务第" + i + "项", "Item " + i)
                    .keywords("助浴", "长者\"引号\"") .material("居民身份证原件", "ID card").popularity(i % 7).build());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("removes", List.of("JB-900", "JB-901"));
        body.put("unknownField", Map.of("nested", List.of(1, 2, Map.of("upserts", "not these"))));
        body.put("upserts", items);
        body.put("version", 8);
        body.put("issuedAt", "2026-11-24T08:00:00+08:00");
        body.put("previousVersion", 7);
        String text = json.writeValueAsString(body);

        CatalogDelta delta = read(text);
        assertEquals(8L, delta.version());
        assertEquals(7L, delta.previousVersion());
        assertEquals("2026-11-24T08:00:00+08:00", delta.issuedAt());
        assertEquals(List.of("JB-900", "JB-901"), delta.removes());
        assertEquals(items, bound(delta), "each item binds to what was sent");
        for (int i = 0; i < items.size(); i++) {
            assertEquals(items.get(i).code(), delta.upserts().get(i).code());
            assertEquals(items.get(i).popularity(), delta.upserts().get(i).popularity());
        }
    }

    @Test
    void anInputThatHandsOverOneByteAtATimeReadsTheSame() throws Exception {
        ServiceItem one = item("JB-001", "老年人优待证办理", "Senior card").popularity(90).build();
        String text = json.writeValueAsString(Map.of("version", 2, "previousVersion", 1, "upserts", List.of(one, one)));
        InputStream trickle = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        CatalogDelta delta = reader.read(trickle);
        assertEquals(List.of(one, one), bound(delta));
    }

    @Test
    void missingAndNullListsAreEmptyAndANullItemStaysForTheChecksToRefuse() throws Exception {
        CatalogDelta empty = read("{\"version\": 2, \"previousVersion\": 1, \"upserts\": null}");
        assertEquals(List.of(), empty.upserts());
        assertEquals(List.of(), empty.removes());

        CatalogDelta withNull = read("{\"upserts\": [null, {\"code\": \"JB-1\"}], \"version\": 2}");
        assertEquals(2, withNull.upserts().size());
        assertNull(withNull.upserts().get(0).code(), "refused later as an item without a code");
        assertNull(withNull.upserts().get(0).item());
        assertEquals("JB-1", withNull.upserts().get(1).code());
        assertNull(withNull.upserts().get(1).popularity());
    }

    @Test
    void aRepeatedFieldCountsItsLastValueAsBindingDoes() throws Exception {
        CatalogDelta delta = read("{\"version\": 2, \"version\": 3, \"upserts\": [{\"code\": \"JB-1\"}],"
                + " \"upserts\": [{\"code\": \"JB-2\", \"popularity\": 5, \"code\": \"JB-3\"}]}");
        assertEquals(3L, delta.version());
        assertEquals(1, delta.upserts().size());
        assertEquals("JB-3", delta.upserts().get(0).code());
        assertEquals("JB-3", delta.upserts().get(0).item().code());
        assertEquals(5, delta.upserts().get(0).popularity());
    }

    @Test
    void anItemIsBoundOnceItsJsonLetGoThen() throws Exception {
        CatalogDelta delta = read("{\"upserts\": [{\"code\": \"JB-1\"}, {\"code\": \"JB-2\", \"handlingLevel\": \"PLANET\"}]}");
        assertEquals("JB-1", delta.upserts().get(0).item().code());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> delta.upserts().get(0).item());
        assertTrue(again.getMessage().contains("upserts[0]"), again.getMessage());
        assertEquals("JB-1", delta.upserts().get(0).code(), "what was read stays");
        // one that did not bind keeps its JSON, and is refused the same way again
        assertThrows(CatalogFormatException.class, () -> delta.upserts().get(1).item());
        assertThrows(CatalogFormatException.class, () -> delta.upserts().get(1).item());
    }

    @Test
    void whatIsNotADeltaIsRefusedWithWhereItWentWrong() {
        for (String bad : List.of("", "[]", "\"delta\"", "{\"upserts\": {\"code\": \"JB-1\"}}",
                "{\"upserts\": [\"JB-1\"]}", "{\"upserts\": [{\"code\": \"JB-1\"", "{\"version\": \"eight\"}",
                "{\"upserts\": [{\"code\": {\"not\": \"text\"}}]}", "{\"removes\": [[1]]}")) {
            assertThrows(IOException.class, () -> read(bad), bad);
        }
        IOException e = assertThrows(IOException.class, () -> read("{\"upserts\": [{\"code\": \"JB-1\"}, 7]}"));
        assertTrue(e.getMessage().contains("upserts[1]"), e.getMessage());
    }

    @Test
    void anItemThatDoesNotBindIsRefusedWhenBoundNamingItsPlace() throws Exception {
        CatalogDelta delta = read("{\"upserts\": [{\"code\": \"JB-1\"}, {\"code\": \"JB-2\", \"handlingLevel\": \"PLANET\"}]}");
        assertEquals("JB-2", delta.upserts().get(1).code(), "read without binding");
        CatalogFormatException e = assertThrows(CatalogFormatException.class, () -> delta.upserts().get(1).item());
        assertTrue(e.getMessage().contains("upserts[1]"), e.getMessage());
        assertTrue(e.getMessage().contains("PLANET"), e.getMessage());
    }
}
