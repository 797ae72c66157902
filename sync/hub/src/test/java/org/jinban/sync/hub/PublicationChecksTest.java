package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.sync.hub.testing.Catalogs;
import org.junit.jupiter.api.Test;

/** The admin API's checks of what it publishes: catalogs, rosters, central config; and the PIN hashes. */
class PublicationChecksTest {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode parse(String text) throws Exception {
        return json.readTree(text);
    }

    private static String refusal(Runnable call) {
        AdminHandler.AdminProblem p = assertThrows(AdminHandler.AdminProblem.class, call::run);
        assertEquals(400, p.status);
        assertEquals("invalid-request", p.type);
        return p.getMessage();
    }

    @Test
    void aWellFormedCatalogPassesAndGarbageIsNamed() throws Exception {
        ObjectNode doc = Catalogs.document(3, Catalogs.item("JB-001", "甲"), Catalogs.item("JB-002", "乙"));
        assertEquals(List.of(), CatalogCheck.problems(doc));
        assertEquals(3, CatalogCheck.version(doc));
        assertEquals(List.of("the catalog must be a JSON object"), CatalogCheck.problems(parse("[1]")));

        ObjectNode twice = doc.deepCopy();
        ((ArrayNode) twice.get("items")).add(Catalogs.item("JB-001", "丙"));
        assertEquals(List.of("items[2] JB-001: the code is given twice"), CatalogCheck.problems(twice));

        ObjectNode noVersion = doc.deepCopy();
        noVersion.put("version", "three");
        assertEquals(List.of("version: must be a positive integer"), CatalogCheck.problems(noVersion));

        ObjectNode noItems = doc.deepCopy();
        noItems.remove("items");
        assertEquals(List.of("items: must be a non-empty array"), CatalogCheck.problems(noItems));

        ObjectNode badRefs = doc.deepCopy();
        ((ObjectNode) badRefs.get("items").get(0)).put("competentAuthority", "nobody");
        ((ObjectNode) badRefs.get("items").get(1)).remove("code");
        List<String> problems = CatalogCheck.problems(badRefs);
        assertEquals(List.of("items[0] JB-001.competentAuthority: must be one of the departments' codes",
                "items[1].code: must be 3 to 40 of A-Z, 0-9, '-'"), problems);
        assertTrue(CatalogCheck.problems(parse("{\"format\":\"x\"}")).size() > 1);
    }

    @Test
    void aPinIsHashedInTheKiosksFormatAndVerifiesWithTheSameParameters() {
        String stored = PinHashes.hash("4821");
        String[] parts = stored.split("\\$");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("20000", parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        assertEquals(16, salt.length);
        assertEquals(32, hash.length);
        assertArrayEquals(hash, PinHashes.derive("4821", salt, 20_000));
        assertFalse(java.util.Arrays.equals(hash, PinHashes.derive("4822", salt, 20_000)));
        assertNotEquals(stored, PinHashes.hash("4821"), "a fresh salt each time");
    }

    @Test
    void aRosterBecomesASnapshotWithHashesOnlyAndABadPinIsRefusedWithoutItsValue() throws Exception {
        ObjectNode snapshot = RosterRequest.snapshot(parse("""
                {"staff": [{"id": "S-01", "name": "王芳", "pin": "730914", "active": true},
                           {"id": "S-02", "name": "李强", "pin": "2468", "active": false}]}"""));
        assertEquals(2, snapshot.get("staff").size());
        JsonNode first = snapshot.get("staff").get(0);
        List<String> fields = new java.util.ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "name", "pinHash", "active"), fields);
        assertEquals("王芳", first.get("name").asText());
        assertTrue(first.get("pinHash").asText().startsWith("pbkdf2-sha256$20000$"));
        assertFalse(snapshot.toString().contains("730914"));
        assertFalse(snapshot.get("staff").get(1).get("active").asBoolean());

        String detail = refusal(() -> RosterRequest.snapshot(uncheckedParse(
                "{\"staff\": [{\"id\": \"S-01\", \"name\": \"王芳\", \"pin\": \"73a914\", \"active\": true}]}")));
        assertEquals("staff[0].pin: a string of 4 to 8 digits", detail);
        assertFalse(detail.contains("73a914"));
        assertEquals("staff[1].id: 'S-01' is given twice", refusal(() -> RosterRequest.snapshot(uncheckedParse(
                "{\"staff\": [{\"id\": \"S-01\", \"name\": \"a\", \"pin\": \"1234\", \"active\": true},"
                        + "{\"id\": \"S-01\", \"name\": \"b\", \"pin\": \"1234\", \"active\": true}]}"))));
        assertEquals("staff[0].active: must be true or false", refusal(() -> RosterRequest.snapshot(uncheckedParse(
                "{\"staff\": [{\"id\": \"S-01\", \"name\": \"a\", \"pin\": \"1234\", \"active\": \"yes\"}]}"))));
        assertEquals("staff: must be an array", refusal(() -> RosterRequest.snapshot(uncheckedParse("{}"))));
    }

    @Test
    void configKeysAreTheFiveTheKioskTakesEachOfItsType() throws Exception {
        ObjectNode ok = ConfigValues.snapshot(parse("""
                {"values": {"kiosk.station.name": "东城便民服务站", "kiosk.ui.idle-timeout": "PT60S",
                 "kiosk.ui.elder-idle-timeout": "PT3M", "kiosk.staff.idle-timeout": "PT5M",
                 "kiosk.appeals.retention": "P7D"}}"""));
        assertEquals(5, ok.get("values").size());
        assertEquals("PT60S", ok.get("values").get("kiosk.ui.idle-timeout").asText());
        assertEquals(0, ConfigValues.snapshot(parse("{\"values\": {}}")).get("values").size());

        assertTrue(refusal(() -> ConfigValues.snapshot(uncheckedParse("{\"values\": {\"sync.hub-url\": \"x\"}}")))
                .startsWith("sync.hub-url: not a key a kiosk takes from the centre"));
        assertTrue(refusal(() -> ConfigValues.snapshot(uncheckedParse("{\"values\": {\"kiosk.ui.idle-timeout\": 60}}")))
                .startsWith("kiosk.ui.idle-timeout: must be an ISO 8601 duration as a string"));
        assertTrue(refusal(() -> ConfigValues.snapshot(uncheckedParse(
                "{\"values\": {\"kiosk.appeals.retention\": \"a week\"}}"))).startsWith("kiosk.appeals.retention: "));
        assertTrue(refusal(() -> ConfigValues.snapshot(uncheckedParse(
                "{\"values\": {\"kiosk.staff.idle-timeout\": \"PT2S\"}}"))).startsWith("kiosk.staff.idle-timeout: must be between"));
        assertTrue(refusal(() -> ConfigValues.snapshot(uncheckedParse("{\"values\": {\"kiosk.station.name\": 7}}")))
                .startsWith("kiosk.station.name: "));
        assertTrue(refusal(() -> ConfigValues.snapshot(uncheckedParse(
                "{\"values\": {\"kiosk.station.name\": \"" + "站".repeat(65) + "\"}}"))).startsWith("kiosk.station.name: "));
        assertTrue(refusal(() -> ConfigValues.snapshot(uncheckedParse(
                "{\"values\": {\"kiosk.ui.idle-timeout\": \"PT90S\", \"kiosk.ui.elder-idle-timeout\": \"PT60S\"}}")))
                .startsWith("kiosk.ui.elder-idle-timeout: "));
        assertEquals("values: must be an object of config keys and values",
                refusal(() -> ConfigValues.snapshot(uncheckedParse("{\"values\": []}"))));
    }

    @Test
    void theRetentionJobRunsAFewTimesPerRetentionWithinBounds() {
        assertEquals(Duration.ofHours(1), RetentionJob.period(Duration.ofDays(30)));
        assertEquals(Duration.ofMinutes(5), RetentionJob.period(Duration.ofHours(2)));
        assertEquals(Duration.ofMinutes(1), RetentionJob.period(Duration.ofMinutes(1)));
    }

    private JsonNode uncheckedParse(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
