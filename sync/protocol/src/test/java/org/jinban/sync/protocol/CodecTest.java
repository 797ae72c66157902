package org.jinban.sync.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "0f8f5d7e-1d2c-4c6b-9a51-2b3c4d5e6f70";
    private final Codec codec = new Codec();

    private static ObjectNode obj(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private ProtocolException refused(String frame) {
        return assertThrows(ProtocolException.class, () -> codec.decode(frame));
    }

    @Test
    void everyMessageTypeSurvivesARoundTrip() {
        UUID r = UUID.randomUUID();
        List<Message> messages = List.of(
                new Hello(UUID.randomUUID(), "K-1", "secret", List.of(1), Map.of("appeal-status", 1200L, "catalog", 3L)),
                new Welcome(UUID.randomUUID(), "K-1", 15, 100, List.of("catalog")),
                new Push(UUID.randomUUID(), List.of(
                        new Push.Record(r, "appeal.filed", UUID.randomUUID().toString(), Instant.parse("2026-01-02T03:04:05Z"),
                                obj("{\"trackingNo\":\"T1\",\"n\":1}"), obj("{\"name\":\"张三\"}")),
                        new Push.Record(UUID.randomUUID(), "device.health", null, Instant.EPOCH, obj("{}"), null))),
                new Ack(UUID.randomUUID(), List.of(r), List.of(new Ack.Rejected(UUID.randomUUID(), "no trackingNo"))),
                new Deliver(UUID.randomUUID(), "appeal-status", List.of(new Deliver.Item(1, "appeal.status", obj("{\"s\":1}")))),
                new Cursor(UUID.randomUUID(), "command", 9),
                new Heartbeat(UUID.randomUUID(), 12L, 40L),
                Heartbeat.empty(),
                ErrorMessage.of(ErrorCode.MALFORMED, "body.kioskId: missing", r),
                ErrorMessage.of(ErrorCode.UNAUTHORIZED, "no", null));
        for (Message m : messages) {
            assertEquals(m, codec.decode(codec.encode(m)), m.type().wireName());
        }
    }

    @Test
    void theEnvelopeIsTheDocumentedOne() throws Exception {
        String frame = codec.encode(new Cursor(UUID.fromString(ID), "catalog", 3));
        assertEquals(obj("{\"v\":1,\"type\":\"cursor\",\"id\":\"" + ID + "\",\"body\":{\"stream\":\"catalog\",\"seq\":3}}"),
                JSON.readTree(frame));
        assertEquals(obj("{}"), JSON.readTree(codec.encode(Heartbeat.empty())).get("body"));
    }

    @Test
    void decodesTheDocumentsHello() {
        Hello h = (Hello) codec.decode("{\"v\": 1, \"type\": \"hello\", \"id\": \"" + ID + "\", \"body\": "
                + "{\"kioskId\": \"K-370783001001-01\", \"credential\": \"c\", \"protocols\": [1],"
                + " \"cursors\": {\"appeal-status\": 1200, \"catalog\": 3, \"roster\": 7, \"config\": 2, \"command\": 9}}}");
        assertEquals(1200, h.cursor("appeal-status"));
        assertEquals(9, h.cursor("command"));
        assertFalse(h.toString().contains("\"c\""));
        assertTrue(h.toString().contains("credential=***"));
    }

    @Test
    void anotherVersionIsUnsupported() {
        ProtocolException e = refused("{\"v\":2,\"type\":\"heartbeat\",\"id\":\"" + ID + "\",\"body\":{}}");
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, e.code());
        assertEquals(UUID.fromString(ID), e.ref().orElseThrow());
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, refused("{\"v\":\"1\",\"type\":\"heartbeat\",\"id\":\"" + ID + "\",\"body\":{}}").code());
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, refused("{\"v\":1.5,\"type\":\"heartbeat\",\"id\":\"" + ID + "\",\"body\":{}}").code());
        assertEquals(ErrorCode.MALFORMED, refused("{\"type\":\"heartbeat\",\"id\":\"" + ID + "\",\"body\":{}}").code());
    }

    @Test
    void anUnknownTypeIsNamedWithItsFrame() {
        ProtocolException e = refused("{\"v\":1,\"type\":\"gossip\",\"id\":\"" + ID + "\",\"body\":{}}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertEquals(UUID.fromString(ID), e.ref().orElseThrow());
        assertTrue(e.getMessage().contains("gossip"));
    }

    @Test
    void malformedFieldsAreNamed() {
        assertMalformed("{\"v\":1,\"type\":\"hello\",\"id\":\"" + ID + "\",\"body\":{\"credential\":\"c\",\"protocols\":[1],\"cursors\":{}}}", "kioskId");
        assertMalformed("{\"v\":1,\"type\":\"cursor\",\"id\":\"" + ID + "\",\"body\":{\"stream\":\"catalog\",\"seq\":-1}}", "seq");
        assertMalformed("{\"v\":1,\"type\":\"cursor\",\"id\":\"" + ID + "\",\"body\":{\"stream\":\"weather\",\"seq\":1}}", "stream");
        assertMalformed("{\"v\":1,\"type\":\"cursor\",\"id\":\"" + ID + "\",\"body\":{\"stream\":\"catalog\",\"seq\":1e3}}", "seq");
        assertMalformed("{\"v\":1,\"type\":\"cursor\",\"id\":\"" + ID + "\"}", "body");
        assertMalformed("{\"v\":1,\"type\":\"push\",\"id\":\"" + ID + "\",\"body\":{\"records\":[{\"id\":\"" + ID
                + "\",\"kind\":\"appeal.filed\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"payload\":[]}]}}", "records[0].payload");
        assertMalformed("{\"v\":1,\"type\":\"push\",\"id\":\"" + ID + "\",\"body\":{\"records\":[{\"id\":\"not-a-uuid\""
                + ",\"kind\":\"appeal.filed\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"payload\":{}}]}}", "records[0].id");
        assertMalformed("{\"v\":1,\"type\":\"push\",\"id\":\"" + ID + "\",\"body\":{\"records\":[{\"id\":\"" + ID
                + "\",\"kind\":\"appeal.filed\",\"createdAt\":\"yesterday\",\"payload\":{}}]}}", "records[0].createdAt");
        assertMalformed("{\"v\":1,\"type\":\"hello\",\"id\":\"" + ID + "\",\"body\":{\"kioskId\":\"K\",\"credential\":\"c\",\"protocols\":[1],\"cursors\":{\"weather\":1}}}", "cursors.weather");
        assertMalformed("{\"v\":1,\"type\":\"ack\",\"id\":\"" + ID + "\",\"body\":{\"ids\":[1]}}", "ids[0]");
        assertMalformed("{\"v\":1,\"type\":\"deliver\",\"id\":\"" + ID + "\",\"body\":{\"stream\":\"catalog\",\"items\":[{\"seq\":0,\"kind\":\"x\",\"body\":{}}]}}", "items[0].seq");
    }

    @Test
    void idsMustBeUuids() {
        ProtocolException e = refused("{\"v\":1,\"type\":\"heartbeat\",\"id\":\"1-2-3-4-5\",\"body\":{}}");
        assertEquals(ErrorCode.MALFORMED, e.code());
        assertTrue(e.getMessage().contains("id"));
        assertTrue(e.ref().isEmpty());
        assertEquals(ErrorCode.MALFORMED, refused("{\"v\":1,\"type\":\"heartbeat\",\"id\":42,\"body\":{}}").code());
    }

    @Test
    void framesOver256KibAreTooLarge() {
        String big = "{\"v\":1,\"type\":\"heartbeat\",\"id\":\"" + ID + "\",\"body\":{\"pad\":\"" + "x".repeat(Codec.MAX_FRAME_BYTES) + "\"}}";
        assertEquals(ErrorCode.TOO_LARGE, refused(big).code());
        // counted in UTF-8 bytes, not characters: 100 Ki Chinese characters are 300 KiB
        String chinese = "{\"v\":1,\"type\":\"heartbeat\",\"id\":\"" + ID + "\",\"body\":{\"pad\":\"" + "办".repeat(100 * 1024) + "\"}}";
        assertEquals(ErrorCode.TOO_LARGE, refused(chinese).code());
    }

    @Test
    void encodingATooLargeBatchSaysSo() {
        ObjectNode payload = obj("{}").put("pad", "x".repeat(Codec.MAX_FRAME_BYTES));
        Push p = new Push(UUID.randomUUID(), List.of(new Push.Record(UUID.randomUUID(), "device.health", null, Instant.EPOCH, payload, null)));
        assertEquals(ErrorCode.TOO_LARGE, assertThrows(ProtocolException.class, () -> codec.encode(p)).code());
    }

    @Test
    void trailingGarbageAndDuplicateKeysAreMalformed() {
        assertEquals(ErrorCode.MALFORMED, refused("{\"v\":1,\"type\":\"heartbeat\",\"id\":\"" + ID + "\",\"body\":{}} {}").code());
        assertEquals(ErrorCode.MALFORMED, refused("{\"v\":1,\"v\":1,\"type\":\"heartbeat\",\"id\":\"" + ID + "\",\"body\":{}}").code());
    }

    @Test
    void personalDataNeverShowsInARecordsToString() {
        Push.Record r = new Push.Record(UUID.randomUUID(), "appeal.filed", null, Instant.EPOCH, obj("{}"), obj("{\"name\":\"张三\"}"));
        assertFalse(r.toString().contains("张三"));
        assertFalse(new Push(UUID.randomUUID(), List.of(r)).toString().contains("张三"));
    }

    @Test
    void anErrorMessageKeepsAnUnknownCode() {
        ErrorMessage e = (ErrorMessage) codec.decode("{\"v\":1,\"type\":\"error\",\"id\":\"" + ID + "\",\"body\":{\"code\":\"teapot\"}}");
        assertEquals("teapot", e.code());
        assertTrue(e.knownCode().isEmpty());
        assertNull(e.ref());
    }

    private void assertMalformed(String frame, String field) {
        ProtocolException e = refused(frame);
        assertEquals(ErrorCode.MALFORMED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(field), e.getMessage() + " should name " + field);
        assertEquals(UUID.fromString(ID), e.ref().orElseThrow());
    }
}
