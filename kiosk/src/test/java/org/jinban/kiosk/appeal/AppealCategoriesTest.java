package org.jinban.kiosk.appeal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.catalog.LocalizedText;
import org.junit.jupiter.api.Test;

class AppealCategoriesTest {
    private static final String SHIPPED = "appeals/categories.json";
    private final ObjectMapper json = Kiosk.objectMapper();

    // --- the shipped file -------------------------------------------------------------------

    @Test
    void theShippedFileHasFiveDomainsAndAboutFiftyMatterTypes() {
        AppealCategories categories = AppealCategories.load(json, SHIPPED);
        assertTrue(categories.version() >= 1);
        assertEquals(Set.copyOf(AppealCategories.DOMAIN_CODES),
                Set.copyOf(categories.domains().stream().map(AppealDomain::code).toList()));
        assertEquals(5, categories.domains().size());
        int matters = categories.domains().stream().mapToInt(d -> d.matters().size()).sum();
        assertTrue(matters >= 45 && matters <= 60, "45 to 60 matter types, has " + matters);
        categories.domains().forEach(d -> assertTrue(d.matters().size() >= 6,
                d.code() + " has at least 6 matter types, has " + d.matters().size()));
    }

    @Test
    void theShippedCodesAreUniqueAndPrefixedByTheirDomain() {
        AppealCategories categories = AppealCategories.load(json, SHIPPED);
        Set<String> seen = new HashSet<>();
        for (AppealDomain domain : categories.domains()) {
            assertTrue(seen.add(domain.code()), "domain " + domain.code() + " once");
            for (MatterType matter : domain.matters()) {
                assertTrue(seen.add(matter.code()), "matter " + matter.code() + " once");
                assertTrue(matter.code().matches(domain.code() + "(-[A-Z0-9]+)+"),
                        matter.code() + " is upper-case ASCII prefixed by " + domain.code() + "-");
                assertSame(domain, categories.domainOf(matter));
                assertEquals(matter, categories.matter(matter.code()).orElseThrow());
            }
        }
    }

    @Test
    void everyShippedTextIsInBothLanguagesAndTheChineseIsChinese() {
        AppealCategories categories = AppealCategories.load(json, SHIPPED);
        List<String> wrong = new ArrayList<>();
        for (AppealDomain domain : categories.domains()) {
            bilingual(domain.code() + " name", domain.name(), wrong);
            bilingual(domain.code() + " nextSteps", domain.nextSteps(), wrong);
            for (MatterType matter : domain.matters()) {
                bilingual(matter.code() + " name", matter.name(), wrong);
                int phrases = matter.quickPhrases().size();
                if (phrases < 3 || phrases > 5) {
                    wrong.add(matter.code() + " has " + phrases + " quick phrases, not 3 to 5");
                }
                if (matter.dueDays() < 1 || matter.dueDays() > 15) {
                    wrong.add(matter.code() + " promises " + matter.dueDays() + " days, not 1 to 15");
                }
                for (int i = 0; i < phrases; i++) {
                    bilingual(matter.code() + " quickPhrases[" + i + "]", matter.quickPhrases().get(i), wrong);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private static void bilingual(String what, LocalizedText text, List<String> wrong) {
        if (text.zh() == null || text.zh().isBlank() || text.en() == null || text.en().isBlank()) {
            wrong.add(what + " is not in both languages: " + text);
        } else if (!text.zh().codePoints().anyMatch(AppealCategoriesTest::isHan)) {
            wrong.add(what + " zh-CN has no Chinese character: " + text.zh());
        } else if (text.en().codePoints().anyMatch(AppealCategoriesTest::isHan)) {
            wrong.add(what + " en has Chinese in it: " + text.en());
        } else if (Stream.of(text.zh(), text.en()).anyMatch(t -> t.contains("TODO") || !t.strip().equals(t))) {
            wrong.add(what + " has a placeholder or stray spaces: " + text);
        }
    }

    private static boolean isHan(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    @Test
    void theViewHasTheDocumentedShapeInEitherLanguage() {
        AppealCategories categories = AppealCategories.load(json, SHIPPED);
        for (String lang : List.of("zh-CN", "en")) {
            JsonNode view = json.valueToTree(categories.view(lang));
            assertEquals(List.of("domains"), fields(view));
            for (JsonNode domain : view.get("domains")) {
                assertEquals(List.of("code", "name", "matters"), fields(domain));
                assertTrue(domain.get("name").isTextual());
                assertEquals(!"en".equals(lang), hasHan(domain.get("name").asText()), lang + " " + domain);
                for (JsonNode matter : domain.get("matters")) {
                    assertEquals(List.of("code", "name", "dueDays", "quickPhrases"), fields(matter));
                    assertTrue(matter.get("code").isTextual() && matter.get("name").isTextual());
                    assertTrue(matter.get("dueDays").isInt());
                    assertTrue(matter.get("quickPhrases").isArray() && !matter.get("quickPhrases").isEmpty());
                    for (JsonNode phrase : matter.get("quickPhrases")) {
                        assertTrue(phrase.isTextual());
                        assertEquals(!"en".equals(lang), hasHan(phrase.asText()), lang + " " + phrase);
                    }
                }
            }
        }
    }

    @Test
    void theViewMatchesTheExampleInTheApiDocument() {
        AppealCategories categories = AppealCategories.load(json, SHIPPED);
        JsonNode safety = find(json.valueToTree(categories.view("zh-CN")).get("domains"), "SAFETY");
        assertEquals("安全", safety.get("name").asText());
        JsonNode fireExit = find(safety.get("matters"), "SAFETY-FIRE-EXIT");
        assertEquals("消防通道堵塞", fireExit.get("name").asText());
        assertEquals(3, fireExit.get("dueDays").asInt());
        List<String> phrases = new ArrayList<>();
        fireExit.get("quickPhrases").forEach(p -> phrases.add(p.asText()));
        assertTrue(phrases.containsAll(List.of("楼道堆放杂物", "消防通道被车辆占用")), phrases.toString());

        assertEquals(categories.view("zh-CN"), categories.view("fr"), "a language other than en is Chinese");
        assertEquals(categories.view("zh-CN"), categories.view(null));
        assertEquals("Safety", find(json.valueToTree(categories.view("en")).get("domains"), "SAFETY")
                .get("name").asText());
    }

    @Test
    void looksUpMatterTypesByCode() {
        AppealCategories categories = AppealCategories.load(json, SHIPPED);
        MatterType manhole = categories.matter("URBAN-MANHOLE").orElseThrow();
        assertEquals("URBAN", categories.domainOf(manhole).code());
        assertTrue(categories.matter("URBAN-NOTHING").isEmpty());
        assertTrue(categories.matter(null).isEmpty());
        MatterType foreign = new MatterType("URBAN-NOTHING", manhole.name(), 3, manhole.quickPhrases());
        assertThrows(IllegalArgumentException.class, () -> categories.domainOf(foreign));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean hasHan(String text) {
        return text.codePoints().anyMatch(AppealCategoriesTest::isHan);
    }

    private static JsonNode find(JsonNode array, String code) {
        for (JsonNode node : array) {
            if (code.equals(node.get("code").asText())) {
                return node;
            }
        }
        throw new AssertionError("no " + code + " in " + array);
    }

    // --- validation, one rule at a time, on a small valid file ---------------------------------

    /** Two domains of one matter type each; every test changes one thing. */
    private ObjectNode valid() {
        ObjectNode file = json.createObjectNode().put("version", 2);
        ArrayNode domains = file.putArray("domains");
        domain(domains, "URBAN", "城市管理", "Urban management")
                .add(matter("URBAN-MANHOLE", "井盖缺失", "Missing manhole cover", 1,
                        "井盖丢了", "A cover is missing"));
        domain(domains, "SAFETY", "安全", "Safety")
                .add(matter("SAFETY-FIRE-EXIT", "消防通道堵塞", "Blocked fire exit", 3,
                        "楼道堆放杂物", "Clutter in the stairwell"));
        return file;
    }

    private ArrayNode domain(ArrayNode domains, String code, String zh, String en) {
        ObjectNode domain = domains.addObject().put("code", code);
        domain.set("name", text(zh, en));
        domain.set("nextSteps", text("网格员会尽快联系您。", "A grid worker will contact you soon."));
        return domain.putArray("matters");
    }

    private ObjectNode matter(String code, String zh, String en, int dueDays, String phraseZh, String phraseEn) {
        ObjectNode matter = json.createObjectNode().put("code", code);
        matter.set("name", text(zh, en));
        matter.put("dueDays", dueDays);
        matter.putArray("quickPhrases").add(text(phraseZh, phraseEn));
        return matter;
    }

    private ObjectNode text(String zh, String en) {
        return json.createObjectNode().put("zh-CN", zh).put("en", en);
    }

    private ObjectNode matterAt(ObjectNode file, int domain, int matter) {
        return (ObjectNode) file.get("domains").get(domain).get("matters").get(matter);
    }

    private AppealCategories parse(String text) {
        return AppealCategories.parse(json, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "test.json");
    }

    /** Changes a valid file and expects exactly one problem containing {@code expected}. */
    private void refused(Consumer<ObjectNode> change, String expected) {
        ObjectNode file = valid();
        change.accept(file);
        AppealCategoryException e = assertThrows(AppealCategoryException.class, () -> parse(file.toString()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().getFirst().contains(expected), e.problems().getFirst());
        assertTrue(e.getMessage().contains("test.json"), e.getMessage());
    }

    @Test
    void readsASmallValidFile() {
        AppealCategories categories = parse(valid().toString());
        assertEquals(2, categories.version());
        assertEquals(List.of("URBAN", "SAFETY"), categories.domains().stream().map(AppealDomain::code).toList());
        MatterType fireExit = categories.matter("SAFETY-FIRE-EXIT").orElseThrow();
        assertEquals(3, fireExit.dueDays());
        assertEquals("Clutter in the stairwell", fireExit.quickPhrases().getFirst().in("en"));
        assertEquals("网格员会尽快联系您。", categories.domainOf(fireExit).nextSteps().in("zh-CN"));
    }

    @Test
    void refusesADuplicateMatterCode() {
        refused(f -> ((ArrayNode) f.get("domains").get(1).get("matters")).add(matterAt(f, 1, 0).deepCopy()),
                "domains[1] SAFETY: matters[1] SAFETY-FIRE-EXIT: code 'SAFETY-FIRE-EXIT' is used twice");
    }

    @Test
    void refusesADuplicateDomainCode() {
        refused(f -> ((ObjectNode) f.get("domains").get(1)).put("code", "URBAN")
                        .withArray("matters").forEach(m -> ((ObjectNode) m).put("code", "URBAN-FIRE-EXIT")),
                "domains[1] URBAN: code 'URBAN' is used twice");
    }

    @Test
    void refusesAMatterCodeNotPrefixedByItsDomain() {
        refused(f -> matterAt(f, 1, 0).put("code", "URBAN-FIRE-EXIT"),
                "domains[1] SAFETY: matters[0] URBAN-FIRE-EXIT: code 'URBAN-FIRE-EXIT' must start with its domain's "
                        + "code 'SAFETY-'");
        refused(f -> matterAt(f, 1, 0).put("code", "SAFETYFIRE"), "must start with its domain's code 'SAFETY-'");
        refused(f -> matterAt(f, 1, 0).put("code", "SAFETY"), "must start with its domain's code 'SAFETY-'");
        refused(f -> matterAt(f, 1, 0).put("code", "SAFETY-"),
                "must be upper-case letters and digits joined by hyphens");
        refused(f -> matterAt(f, 1, 0).put("code", "SAFETY-fire-exit"),
                "code 'SAFETY-fire-exit' must be upper-case letters and digits joined by hyphens");
        refused(f -> matterAt(f, 1, 0).remove("code"), "matters[0] null: code 'null' must be upper-case");
    }

    @Test
    void refusesAMissingTranslation() {
        refused(f -> ((ObjectNode) matterAt(f, 0, 0).get("name")).remove("en"),
                "domains[0] URBAN: matters[0] URBAN-MANHOLE: name has no \"en\" text");
        refused(f -> ((ObjectNode) f.get("domains").get(1).get("nextSteps")).remove("zh-CN"),
                "domains[1] SAFETY: nextSteps has no \"zh-CN\" text");
        refused(f -> ((ObjectNode) f.get("domains").get(0)).remove("name"),
                "domains[0] URBAN: name is required, with \"zh-CN\" and \"en\" texts");
    }

    @Test
    void refusesABlankText() {
        refused(f -> ((ObjectNode) matterAt(f, 1, 0).get("quickPhrases").get(0)).put("zh-CN", "  "),
                "domains[1] SAFETY: matters[0] SAFETY-FIRE-EXIT: quickPhrases[0] has a blank \"zh-CN\" text");
        refused(f -> ((ObjectNode) f.get("domains").get(0).get("nextSteps")).put("en", ""),
                "domains[0] URBAN: nextSteps has a blank \"en\" text");
    }

    @Test
    void refusesChineseTextWithoutAChineseCharacter() {
        refused(f -> ((ObjectNode) matterAt(f, 0, 0).get("name")).put("zh-CN", "Missing manhole cover"),
                "domains[0] URBAN: matters[0] URBAN-MANHOLE: name: the \"zh-CN\" text has no Chinese character");
    }

    @Test
    void refusesADueTimeOutsideOneToSixtyDays() {
        refused(f -> matterAt(f, 1, 0).put("dueDays", 0),
                "domains[1] SAFETY: matters[0] SAFETY-FIRE-EXIT: dueDays must be 1 to 60, was 0");
        refused(f -> matterAt(f, 1, 0).put("dueDays", 61), "dueDays must be 1 to 60, was 61");
        refused(f -> matterAt(f, 1, 0).remove("dueDays"), "dueDays must be 1 to 60, was null");
        assertThrows(AppealCategoryException.class,
                () -> parse(valid().toString().replace("\"dueDays\":3", "\"dueDays\":2.5")));
        parse(valid().toString().replace("\"dueDays\":3", "\"dueDays\":60"));
    }

    @Test
    void refusesTooFewOrTooManyQuickPhrases() {
        refused(f -> matterAt(f, 0, 0).putArray("quickPhrases"),
                "domains[0] URBAN: matters[0] URBAN-MANHOLE: quickPhrases must list 1 to 8 phrases, has 0");
        refused(f -> matterAt(f, 0, 0).remove("quickPhrases"), "quickPhrases must list 1 to 8 phrases, has none");
        refused(f -> {
            ArrayNode phrases = matterAt(f, 0, 0).putArray("quickPhrases");
            for (int i = 1; i <= 9; i++) {
                phrases.add(text("短语" + i, "Phrase " + i));
            }
        }, "quickPhrases must list 1 to 8 phrases, has 9");
        ObjectNode eight = valid();
        ArrayNode phrases = matterAt(eight, 0, 0).putArray("quickPhrases");
        for (int i = 1; i <= 8; i++) {
            phrases.add(text("短语" + i, "Phrase " + i));
        }
        assertEquals(8, parse(eight.toString()).matter("URBAN-MANHOLE").orElseThrow().quickPhrases().size());
    }

    @Test
    void refusesAnUnknownDomainCode() {
        refused(f -> ((ObjectNode) f.get("domains").get(0)).put("code", "TRAFFIC")
                        .withArray("matters").forEach(m -> ((ObjectNode) m).put("code", "TRAFFIC-MANHOLE")),
                "domains[0] TRAFFIC: code 'TRAFFIC' is not a domain code; one of STABILITY, URBAN, SAFETY");
    }

    @Test
    void refusesAnEmptyDomain() {
        refused(f -> ((ObjectNode) f.get("domains").get(0)).putArray("matters"),
                "domains[0] URBAN: matters must list at least one matter type");
        refused(f -> ((ObjectNode) f.get("domains").get(1)).remove("matters"),
                "domains[1] SAFETY: matters must list at least one matter type");
    }

    @Test
    void refusesAFileWithoutVersionOrDomains() {
        refused(f -> f.remove("version"), "version must be a positive integer, was null");
        refused(f -> f.putArray("domains"), "domains must list at least one domain");
        refused(f -> ((ArrayNode) f.get("domains")).addNull(), "domains[2] must not be null");
    }

    @Test
    void listsEveryProblemAtOnce() {
        ObjectNode file = valid();
        matterAt(file, 0, 0).put("dueDays", 90);
        ((ObjectNode) matterAt(file, 1, 0).get("name")).put("en", " ");
        ((ObjectNode) file.get("domains").get(1)).put("code", "SAFE");
        AppealCategoryException e = assertThrows(AppealCategoryException.class, () -> parse(file.toString()));
        assertEquals(4, e.problems().size(), e.getMessage());
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("domains[0] URBAN: matters[0] URBAN-MANHOLE: dueDays must be 1 to 60, was 90"), all);
        assertTrue(all.contains("domains[1] SAFE: code 'SAFE' is not a domain code"), all);
        assertTrue(all.contains("domains[1] SAFE: matters[0] SAFETY-FIRE-EXIT: code 'SAFETY-FIRE-EXIT' must start "
                + "with its domain's code 'SAFE-'"), all);
        assertTrue(all.contains("SAFETY-FIRE-EXIT: name has a blank \"en\" text"), all);
    }

    @Test
    void refusesBrokenJsonAndNamesTheSource() {
        AppealCategoryException truncated = assertThrows(AppealCategoryException.class,
                () -> parse(valid().toString().substring(0, 60)));
        assertTrue(truncated.getMessage().contains("test.json"), truncated.getMessage());
        assertTrue(truncated.getMessage().contains("not valid JSON"), truncated.getMessage());
        assertThrows(AppealCategoryException.class, () -> parse(""));
        assertThrows(AppealCategoryException.class, () -> parse("null"));
        assertThrows(AppealCategoryException.class, () -> parse("{\"version\": 1, \"domains\": {\"code\": 1}}"));
    }

    @Test
    void refusesAMissingResource() {
        AppealCategoryException e = assertThrows(AppealCategoryException.class,
                () -> AppealCategories.load(json, "appeals/no-such-file.json"));
        assertTrue(e.getMessage().contains("appeals/no-such-file.json"), e.getMessage());
        assertFalse(e.problems().isEmpty());
    }
}
