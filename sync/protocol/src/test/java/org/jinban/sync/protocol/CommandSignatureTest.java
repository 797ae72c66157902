package org.jinban.sync.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CommandSignatureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KeyPair hub = CommandSignature.generateKeyPair();

    private static ObjectNode command() throws Exception {
        return (ObjectNode) JSON.readTree("{\"commandId\":\"6a1c3f0e-0000-4000-8000-000000000001\",\"kioskId\":\"K-1\","
                + "\"action\":\"refresh-catalog\",\"args\":{\"z\":1,\"a\":{\"y\":\"办\",\"b\":[2,1]}},"
                + "\"issuedAt\":\"2026-11-23T08:00:00Z\",\"expiresAt\":\"2026-11-23T09:00:00Z\"}");
    }

    @Test
    void theSignedBytesAreTheDocumentedLine() throws Exception {
        assertArrayEquals(("6a1c3f0e-0000-4000-8000-000000000001|K-1|refresh-catalog|{\"a\":{\"b\":[2,1],\"y\":\"办\"},\"z\":1}"
                + "|2026-11-23T08:00:00Z|2026-11-23T09:00:00Z").getBytes(StandardCharsets.UTF_8),
                CommandSignature.canonicalBytes(command()));
    }

    @Test
    void aSignedCommandVerifiesAndAnyChangeBreaksIt() throws Exception {
        ObjectNode c = command();
        c.put("signature", CommandSignature.sign(hub.getPrivate(), c));
        assertTrue(CommandSignature.verify(hub.getPublic(), c));
        for (String field : new String[] {"commandId", "kioskId", "action", "issuedAt", "expiresAt"}) {
            ObjectNode changed = c.deepCopy().put(field, c.get(field).asText() + "x");
            assertFalse(CommandSignature.verify(hub.getPublic(), changed), field);
        }
        ObjectNode otherArgs = c.deepCopy();
        ((ObjectNode) otherArgs.get("args")).put("z", 2);
        assertFalse(CommandSignature.verify(hub.getPublic(), otherArgs));
        assertFalse(CommandSignature.verify(CommandSignature.generateKeyPair().getPublic(), c));
    }

    @Test
    void keyOrderOfArgsDoesNotMatter() throws Exception {
        ObjectNode c = command();
        c.put("signature", CommandSignature.sign(hub.getPrivate(), c));
        ObjectNode reordered = (ObjectNode) JSON.readTree(c.toString().replace("{\"z\":1,\"a\":{\"y\":\"办\",\"b\":[2,1]}}",
                "{\"a\":{\"b\":[2,1],\"y\":\"办\"},\"z\":1}"));
        assertTrue(CommandSignature.verify(hub.getPublic(), reordered));
    }

    @Test
    void badInputIsAFailedCheckNotACrash() throws Exception {
        ObjectNode c = command();
        assertFalse(CommandSignature.verify(hub.getPublic(), c));
        assertFalse(CommandSignature.verify(hub.getPublic(), c.deepCopy().put("signature", "%%% not base64")));
        assertFalse(CommandSignature.verify(hub.getPublic(), c.deepCopy().put("signature", "AAAA")));
        ObjectNode noArgs = c.deepCopy();
        noArgs.remove("args");
        noArgs.put("signature", "AAAA");
        assertFalse(CommandSignature.verify(hub.getPublic(), noArgs));
        assertFalse(CommandSignature.verify(hub.getPublic(), null));
        assertThrows(IllegalArgumentException.class, () -> CommandSignature.canonicalBytes(noArgs));
    }

    @Test
    void publicKeysTravelAsBase64() {
        String text = CommandSignature.encodePublicKey(hub.getPublic());
        assertEquals(hub.getPublic(), CommandSignature.decodePublicKey(text));
        assertThrows(IllegalArgumentException.class, () -> CommandSignature.decodePublicKey("AAAA"));
    }
}
