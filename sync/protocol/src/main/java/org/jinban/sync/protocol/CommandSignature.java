package org.jinban.sync.protocol;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Ed25519 signature of a remote command's body. The signed bytes are the UTF-8 of
 * {@code commandId|kioskId|action|canonical JSON of args|issuedAt|expiresAt}, each value the
 * string exactly as it stands in the body, so that both sides sign and check the same bytes
 * without re-formatting instants. Canonical JSON: object keys sorted by UTF-16 code units, no
 * whitespace, strings escaped as Jackson does minimally, numbers as they were written.
 */
public final class CommandSignature {
    public static final String ALGORITHM = "Ed25519";
    private static final List<String> SIGNED_FIELDS = List.of("commandId", "kioskId", "action", "issuedAt", "expiresAt");
    private static final JsonFactory JSON = new JsonFactory();

    private CommandSignature() {
    }

    /** A new hub signing key pair. */
    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /**
     * The bytes the signature covers.
     *
     * @throws IllegalArgumentException if a signed field is missing or not a string, or args is not an object
     */
    public static byte[] canonicalBytes(JsonNode command) {
        List<String> parts = new ArrayList<>();
        for (String field : SIGNED_FIELDS) {
            JsonNode v = command == null ? null : command.get(field);
            if (v == null || !v.isTextual()) {
                throw new IllegalArgumentException("the command has no " + field);
            }
            parts.add(v.textValue());
        }
        JsonNode args = command.get("args");
        if (args == null || !args.isObject()) {
            throw new IllegalArgumentException("the command's args must be an object");
        }
        String joined = String.join("|", parts.get(0), parts.get(1), parts.get(2), canonicalJson(args),
                parts.get(3), parts.get(4));
        return joined.getBytes(StandardCharsets.UTF_8);
    }

    /** The command's signature, base64, for its {@code signature} field. */
    public static String sign(PrivateKey key, JsonNode command) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(canonicalBytes(command));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a command", e);
        }
    }

    /**
     * Whether the command's {@code signature} is the hub's over its fields. False, never an
     * exception, for a missing field, bad base64 or a key of another algorithm: the kiosk refuses
     * and audits all of those alike.
     */
    public static boolean verify(PublicKey key, JsonNode command) {
        try {
            JsonNode sig = command == null ? null : command.get("signature");
            if (sig == null || !sig.isTextual()) {
                return false;
            }
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(canonicalBytes(command));
            return s.verify(Base64.getDecoder().decode(sig.textValue()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A public key as base64 of its X.509 encoding, as enrollment hands it to the kiosk. */
    public static String encodePublicKey(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** @throws IllegalArgumentException if {@code base64} is not an Ed25519 public key */
    public static PublicKey decodePublicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** JSON with object keys sorted and no whitespace. */
    public static String canonicalJson(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write canonical JSON", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            g.writeStartObject();
            for (String name : names) {
                g.writeFieldName(name);
                write(g, node.get(name));
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode e : node) {
                write(g, e);
            }
            g.writeEndArray();
        } else {
            // value nodes write themselves without a codec; numbers stay as they were read
            ((com.fasterxml.jackson.databind.node.ValueNode) node).serialize(g, null);
        }
    }
}
