package org.jinban.sync.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Whatever a peer sends, decode returns a message or throws ProtocolException: nothing else may
 * escape into a session's read loop.
 */
class CodecFuzzTest {
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"v\"", "1", "2", "-1", "1e999", "null",
        "true", "\"type\"", "\"push\"", "\"hello\"", "\"body\"", "\"id\"", "\"" + UUID.randomUUID() + "\"", "\"records\"",
        "\"\\u0000\"", "\"\\ud800\"", "\"", "\\", "0.0000001", "99999999999999999999999", "\"seq\"", "\"stream\""};
    private final Codec codec = new Codec();
    private final Random random = new Random(20261123L);

    private void decodeOrRefuse(String frame) {
        try {
            assertNotNull(codec.decode(frame));
        } catch (ProtocolException e) {
            assertNotNull(e.code());
        }
    }

    @Test
    void randomBytesAsText() {
        for (int i = 0; i < 5_000; i++) {
            char[] chars = new char[random.nextInt(200)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) random.nextInt(i % 2 == 0 ? 128 : 0x10000);
            }
            decodeOrRefuse(new String(chars));
        }
    }

    @Test
    void randomTokenSoup() {
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                sb.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
            decodeOrRefuse(sb.toString());
        }
    }

    @Test
    void everyTruncationOfEveryValidFrame() {
        for (Message m : samples()) {
            String frame = codec.encode(m);
            for (int cut = 0; cut < frame.length(); cut++) {
                decodeOrRefuse(frame.substring(0, cut));
            }
        }
    }

    @Test
    void everyFieldReplacedByEveryWrongType() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> wrong = List.of("null", "1", "-5", "1.5", "true", "\"x\"", "[]", "{}", "[1,\"a\"]", "{\"a\":{}}");
        for (Message m : samples()) {
            String frame = codec.encode(m);
            var tree = json.readTree(frame);
            List<String> paths = new java.util.ArrayList<>();
            collect(tree, "", paths);
            for (String path : paths) {
                for (String w : wrong) {
                    var copy = tree.deepCopy();
                    replace(copy, path, json.readTree(w));
                    decodeOrRefuse(json.writeValueAsString(copy));
                }
            }
        }
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        for (int depth : new int[] {63, 65, 1_000, 100_000}) {
            String body = "[".repeat(depth) + "]".repeat(depth);
            decodeOrRefuse("{\"v\":1,\"type\":\"heartbeat\",\"id\":\"" + UUID.randomUUID() + "\",\"body\":{\"x\":" + body + "}}");
            decodeOrRefuse("[".repeat(depth));
            decodeOrRefuse("{\"a\":".repeat(depth));
        }
        String deep = "{\"v\":1,\"type\":\"heartbeat\",\"id\":\"" + UUID.randomUUID() + "\",\"body\":{\"x\":"
                + "[".repeat(200) + "]".repeat(200) + "}}";
        assertEquals(ErrorCode.MALFORMED, assertThrowsProtocol(deep).code());
    }

    @Test
    void hugeStringsAndNumbers() {
        String id = "\"" + UUID.randomUUID() + "\"";
        decodeOrRefuse("{\"v\":1,\"type\":\"" + "t".repeat(200_000) + "\",\"id\":" + id + ",\"body\":{}}");
        decodeOrRefuse("{\"v\":" + "9".repeat(10_000) + ",\"type\":\"heartbeat\",\"id\":" + id + ",\"body\":{}}");
        decodeOrRefuse("{\"v\":1,\"type\":\"cursor\",\"id\":" + id + ",\"body\":{\"stream\":\"catalog\",\"seq\":" + "9".repeat(60) + "}}");
        decodeOrRefuse("\"" + "x".repeat(Codec.MAX_FRAME_BYTES - 2) + "\"");
        decodeOrRefuse("");
        decodeOrRefuse(null);
    }

    private ProtocolException assertThrowsProtocol(String frame) {
        return org.junit.jupiter.api.Assertions.assertThrows(ProtocolException.class, () -> codec.decode(frame));
    }

    private static List<Message> samples() {
        ObjectMapper json = new ObjectMapper();
        var payload = json.createObjectNode().put("trackingNo", "T").put("n", 1);
        payload.putObject("nested").putArray("a").add(1).add("b");
        return List.of(
                new Hello(UUID.randomUUID(), "K-1", "c", List.of(1), Map.of("catalog", 3L)),
                new Welcome(UUID.randomUUID(), "K-1", 15, 100, List.of("catalog")),
                new Push(UUID.randomUUID(), List.of(new Push.Record(UUID.randomUUID(), "appeal.filed", "a",
                        Instant.EPOCH, payload, json.createObjectNode().put("name", "张三")))),
                new Ack(UUID.randomUUID(), List.of(UUID.randomUUID()), List.of(new Ack.Rejected(UUID.randomUUID(), "r"))),
                new Deliver(UUID.randomUUID(), "catalog", List.of(new Deliver.Item(1, "catalog.delta", payload))),
                new Cursor(UUID.randomUUID(), "roster", 2),
                new Heartbeat(UUID.randomUUID(), 1L, 2L),
                ErrorMessage.of(ErrorCode.CANNOT_APPLY, "r", UUID.randomUUID()));
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode n, String path, List<String> out) {
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(f -> {
                out.add(path + "/" + f);
                collect(n.get(f), path + "/" + f, out);
            });
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                out.add(path + "/" + i);
                collect(n.get(i), path + "/" + i, out);
            }
        }
    }

    private static void replace(com.fasterxml.jackson.databind.JsonNode root, String path,
                                com.fasterxml.jackson.databind.JsonNode value) {
        int slash = path.lastIndexOf('/');
        var parent = path.substring(0, slash).isEmpty() ? root : root.at(path.substring(0, slash));
        String last = path.substring(slash + 1);
        if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
    }
}
