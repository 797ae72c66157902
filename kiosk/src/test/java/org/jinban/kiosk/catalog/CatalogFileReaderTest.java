package org.jinban.kiosk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.testing.CatalogFixtures;
import org.junit.jupiter.api.Test;

class CatalogFileReaderTest {
    private final ObjectMapper json = Kiosk.objectMapper();
    private final CatalogFileReader reader = new CatalogFileReader(json);

    private CatalogDocument read(String text) throws IOException {
        return reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    private ObjectNode valid() {
        return json.valueToTree(CatalogFixtures.catalog(3,
                CatalogFixtures.item("JB-001", "居住证办理", "Residence permit"),
                CatalogFixtures.item("JB-002", "高龄津贴申请", "Old-age allowance")));
    }

    @Test
    void readsAValidFile() throws IOException {
        CatalogDocument doc = read(valid().toString());
        assertEquals(3, doc.version());
        assertEquals(2, doc.items().size());
        assertEquals("居住证办理", doc.items().getFirst().name().zh());
    }

    @Test
    void listsEveryProblemNamingTheItemAndField() {
        ObjectNode doc = valid();
        ArrayNode items = (ArrayNode) doc.get("items");
        ((ObjectNode) items.get(0)).put("processingTime", "20 days");
        ((ObjectNode) items.get(0)).putObject("name").put("zh-CN", "居住证").put("en", " ");
        ((ObjectNode) items.get(1)).put("code", "JB-001");
        ((ObjectNode) items.get(1)).put("competentAuthority", "nowhere");
        ((ObjectNode) items.get(1).get("cost")).put("amount", "free");
        ((ObjectNode) items.get(1)).putArray("lifeEvents").add("moon-landing");
        ((ObjectNode) items.get(1)).remove("handlingLevel");

        CatalogFormatException e = assertThrows(CatalogFormatException.class, () -> read(doc.toString()));
        String all = String.join("\n", e.problems());
        assertEquals(7, e.problems().size(), all);
        assertTrue(all.contains("items[0] JB-001: processingTime not an ISO 8601 duration: '20 days'"), all);
        assertTrue(all.contains("items[0] JB-001: name needs non-blank"), all);
        assertTrue(all.contains("items[1]: code 'JB-001' is used twice"), all);
        assertTrue(all.contains("competentAuthority 'nowhere' is not a listed department"), all);
        assertTrue(all.contains("cost.amount must be a decimal such as 0.00, was 'free'"), all);
        assertTrue(all.contains("lifeEvents 'moon-landing' is not a listed life event"), all);
        assertTrue(all.contains("handlingLevel is required"), all);
    }

    @Test
    void refusesAnUnknownHandlingLevelAndBadJson() {
        ObjectNode doc = valid();
        ((ObjectNode) doc.get("items").get(0)).put("handlingLevel", "PROVINCE");
        CatalogFormatException e = assertThrows(CatalogFormatException.class, () -> read(doc.toString()));
        assertTrue(e.getMessage().contains("not valid JSON of the catalog shape"), e.getMessage());

        CatalogFormatException truncated = assertThrows(CatalogFormatException.class,
                () -> read(valid().toString().substring(0, 200)));
        assertTrue(truncated.getMessage().contains("test.json"));
    }

    @Test
    void refusesAWrongFormatOrVersion() {
        ObjectNode doc = valid();
        doc.put("format", "something-else");
        doc.put("version", 0);
        CatalogFormatException e = assertThrows(CatalogFormatException.class, () -> read(doc.toString()));
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    /** The shipped demo catalog is what a new kiosk shows: it must be complete and valid. */
    @Test
    void theShippedDemoCatalogIsValidAndBilingual() {
        CatalogDocument doc = reader.read("classpath:catalog/demo-catalog.json");
        assertTrue(doc.items().size() >= 63, "at least 63 items, has " + doc.items().size());
        Map<String, Long> perEvent = doc.items().stream().flatMap(i -> i.lifeEvents().stream())
                .collect(Collectors.groupingBy(e -> e, Collectors.counting()));
        doc.lifeEvents().forEach(e -> assertTrue(perEvent.getOrDefault(e.code(), 0L) >= 2,
                "life event " + e.code() + " groups at least two items"));
        for (String expected : List.of("老年人优待证", "就业登记", "居住证", "城乡居民基本医疗保险参保登记", "高龄津贴",
                "残疾人证", "最低生活保障", "出生登记", "灵活就业", "生育登记")) {
            assertTrue(doc.items().stream().anyMatch(i -> i.name().zh().contains(expected)),
                    "the demo catalog has an item for " + expected);
        }
        assertTrue(doc.items().stream().anyMatch(i -> !i.proxyHandling()));
        assertTrue(doc.items().stream().anyMatch(i -> i.online().available()));
        assertTrue(doc.items().stream().map(ServiceItem::handlingLevel).distinct().count() >= 3);
    }
}
