package org.jinban.sync.protocol;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns text frames into {@link Message}s and back. Decoding refuses everything the contract
 * does not allow with a {@link ProtocolException} carrying the contract's error code; it never
 * throws anything else, whatever bytes a peer sends, so one bad frame cannot break a session.
 *
 * <p>Thread-safe: one instance serves every connection.
 */
public final class Codec {
    public static final int VERSION = 1;
    /** The largest frame either side accepts, counted in UTF-8 bytes. */
    public static final int MAX_FRAME_BYTES = 256 * 1024;
    /** Deep enough for any body of version 1; deeper is an attack on the parser's stack. */
    static final int MAX_NESTING = 64;

    private final ObjectMapper json;

    public Codec() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(MAX_FRAME_BYTES)
                        .maxNumberLength(64)
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.json = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        json.configure(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION, false);
    }

    /**
     * The frame for {@code message}.
     *
     * @throws ProtocolException {@code too-large} if the frame would exceed {@link #MAX_FRAME_BYTES}
     *                           (the sender should split the batch)
     */
    public String encode(Message message) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("v", VERSION);
        envelope.put("type", message.type().wireName());
        envelope.put("id", message.id().toString());
        envelope.set("body", MessageBodies.write(message));
        String frame;
        try {
            frame = json.writeValueAsString(envelope);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write a " + message.type().wireName() + " frame", e);
        }
        if (utf8Length(frame) > MAX_FRAME_BYTES) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "a " + message.type().wireName()
                    + " frame of " + utf8Length(frame) + " bytes is larger than " + MAX_FRAME_BYTES, message.id());
        }
        return frame;
    }

    /**
     * The message in {@code frame}.
     *
     * @throws ProtocolException {@code too-large}, {@code malformed} (naming the field),
     *                           {@code unsupported-version} or {@code unknown-type}
     */
    public Message decode(String frame) {
        if (frame == null) {
            throw new ProtocolException(ErrorCode.MALFORMED, "no frame", null);
        }
        if (utf8Length(frame) > MAX_FRAME_BYTES) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "the frame is larger than " + MAX_FRAME_BYTES + " bytes",
                    null);
        }
        JsonNode tree = parse(frame);
        UUID ref = readableId(tree);
        try {
            if (!tree.isObject()) {
                throw new ProtocolException(ErrorCode.MALFORMED, "the frame must be a JSON object", null);
            }
            // The version first: a later version may shape everything else differently.
            checkVersion(tree.get("v"), ref);
            BodyFields envelope = BodyFields.of(tree, "", ref);
            UUID id = envelope.uuid("id");
            String typeName = envelope.text("type");
            MessageType type = MessageType.fromWire(typeName).orElseThrow(() -> new ProtocolException(
                    ErrorCode.UNKNOWN_TYPE, "unknown type " + printable(typeName), id));
            return MessageBodies.read(type, id, BodyFields.of(tree.get("body"), "body", id));
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            // A gap in the checks above must still surface as what the contract says, not as a crash.
            throw new ProtocolException(ErrorCode.MALFORMED, "unreadable frame: " + e.getClass().getSimpleName(), ref, e);
        }
    }

    private JsonNode parse(String frame) {
        try {
            return json.readTree(frame);
        } catch (JacksonException e) {
            throw new ProtocolException(ErrorCode.MALFORMED, "not a JSON object: " + e.getOriginalMessage(), null);
        } catch (RuntimeException | StackOverflowError e) {
            throw new ProtocolException(ErrorCode.MALFORMED, "not a JSON object", null, e);
        }
    }

    private static UUID readableId(JsonNode tree) {
        JsonNode id = tree == null ? null : tree.get("id");
        if (id == null || !id.isTextual() || id.textValue().length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(id.textValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void checkVersion(JsonNode v, UUID id) {
        if (v == null || v.isNull()) {
            throw new ProtocolException(ErrorCode.MALFORMED, "v: the protocol version is required", id);
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() != VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "version " + printable(v.toString()) + " is not supported, only " + VERSION, id);
        }
    }

    /** A peer's text quoted in an error, cut short so that an error frame stays small. */
    private static String printable(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    /** The number of UTF-8 bytes of {@code s}, without encoding it. */
    public static int utf8Length(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
