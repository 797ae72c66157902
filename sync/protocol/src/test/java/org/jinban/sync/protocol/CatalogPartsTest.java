package org.jinban.sync.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CatalogPartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Codec codec = new Codec();

    /** Every part goes in a deliver frame of its own, and the frames' slices join to the body. */
    private void carried(String body) {
        List<CatalogParts.Part> parts = CatalogParts.split(7, body);
        StringBuilder joined = new StringBuilder();
        long seq = 1;
        for (CatalogParts.Part p : parts) {
            String frame = codec.encode(new Deliver(Message.newId(), Streams.CATALOG,
                    List.of(new Deliver.Item(seq++, CatalogParts.KIND_DELTA_PART, p.body()))));
            Deliver back = (Deliver) codec.decode(frame);
            CatalogParts.Part read = CatalogParts.Part.of(back.items().getFirst().body());
            assertEquals(p, read);
            assertEquals(parts.size(), read.parts());
            joined.append(read.text());
        }
        assertEquals(body, joined.toString());
        assertTrue(parts.getLast().last());
        assertEquals(parts.size() == 1, parts.getFirst().last());
    }

    @Test
    void aSmallBodyIsOnePart() {
        carried("{\"version\":2,\"previousVersion\":1,\"upserts\":[],\"removes\":[\"A1\"]}");
        assertEquals(1, CatalogParts.split(2, "{}").size());
    }

    @Test
    void aLargeCatalogBodyTravelsInPartsThatEachFitAFrame() throws Exception {
        ObjectNode delta = JSON.createObjectNode().put("version", 8).put("previousVersion", 7);
        var upserts = delta.putArray("upserts");
        for (int i = 0; i < 3_000; i++) {
            upserts.addObject().put("code", "ITEM-" + i).put("name", "社区长者助浴上门预约 \"第" + i + "号\"\n")
                    .put("description", "办理居住证明、开具证明材料，携带身份证原件。".repeat(8));
        }
        String body = JSON.writeValueAsString(delta);
        assertTrue(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 4 * Codec.MAX_FRAME_BYTES);
        carried(body);
        assertTrue(CatalogParts.split(8, body).size() > 4);
    }

    @Test
    void bodiesThatWeighMostOnceEscapedStillFit() {
        // quotes and backslashes double, control characters take six bytes each once escaped
        carried("\"\\".repeat(CatalogParts.MAX_SLICE_BYTES));
        carried("\u0001".repeat(CatalogParts.MAX_SLICE_BYTES / 2));
        carried("字".repeat(CatalogParts.MAX_SLICE_BYTES));
    }

    @Test
    void aSurrogatePairIsNeverCutInTwo() {
        Random random = new Random(5);
        for (int shift = 0; shift < 4; shift++) {
            // emoji (4 bytes, two chars) after 0..3 ASCII chars, so the cut falls at every offset
            String body = "a".repeat(shift) + "😀".repeat(CatalogParts.MAX_SLICE_BYTES / 2 + random.nextInt(100));
            List<CatalogParts.Part> parts = CatalogParts.split(1, body);
            assertTrue(parts.size() > 1);
            for (CatalogParts.Part p : parts) {
                assertFalse(Character.isLowSurrogate(p.text().charAt(0)), "a part starts with half a pair");
                assertFalse(Character.isHighSurrogate(p.text().charAt(p.text().length() - 1)),
                        "a part ends with half a pair");
            }
            carried(body);
        }
    }

    @Test
    void aPartWithAFieldMissingOrOutOfRangeIsRefusedNamingIt() throws Exception {
        String[][] bad = {
                {"{\"part\":1,\"parts\":2,\"text\":\"x\"}", "version"},
                {"{\"version\":0,\"part\":1,\"parts\":2,\"text\":\"x\"}", "version"},
                {"{\"version\":3,\"part\":3,\"parts\":2,\"text\":\"x\"}", "part"},
                {"{\"version\":3,\"part\":0,\"parts\":2,\"text\":\"x\"}", "part"},
                {"{\"version\":3,\"part\":1.5,\"parts\":2,\"text\":\"x\"}", "part"},
                {"{\"version\":3,\"part\":1,\"parts\":" + (CatalogParts.MAX_PARTS + 1) + ",\"text\":\"x\"}", "parts"},
                {"{\"version\":3,\"part\":1,\"parts\":2,\"text\":\"\"}", "text"},
                {"{\"version\":3,\"part\":1,\"parts\":2,\"text\":[\"x\"]}", "text"},
                {"[1]", "object"},
        };
        for (String[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CatalogParts.Part.of(JSON.readTree(b[0])), b[0]);
            assertTrue(e.getMessage().contains(b[1]), b[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void onlyDeltasAndSnapshotsHavePartKinds() {
        assertEquals(Optional.of("catalog.delta.part"), CatalogParts.partKindOf(Streams.KIND_CATALOG_DELTA));
        assertEquals(Optional.of("catalog.snapshot.part"), CatalogParts.partKindOf(Streams.KIND_CATALOG_SNAPSHOT));
        assertEquals(Optional.empty(), CatalogParts.partKindOf(Streams.KIND_ROSTER_SNAPSHOT));
        assertEquals(Optional.of(Streams.KIND_CATALOG_SNAPSHOT), CatalogParts.wholeKindOf(CatalogParts.KIND_SNAPSHOT_PART));
        assertEquals(Optional.empty(), CatalogParts.wholeKindOf(Streams.KIND_CATALOG_DELTA));
    }
}
