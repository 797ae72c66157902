package org.jinban.kiosk.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads a {@code catalog.delta} body (docs/sync-protocol.md) without binding its items: each
 * upsert is kept as its JSON, with its code and popularity read on the way, and bound later by
 * the indexing worker that indexes it ({@link CatalogDelta.Upsert#item}). Binding 10,000 items
 * here took a kiosk's one applying thread about 0.35 s while the other core waited (nothing can
 * start before every item's popularity is known, which ranks them); skipping over an item's
 * fields takes about a third of that. Kept as JSON, the items waiting to be indexed also take
 * less heap than bound (~30 MB for 10,000 items).
 *
 * <p>Gives what {@code ObjectMapper.readValue(in, CatalogDelta.class)} would for the same body:
 * unknown fields are ignored, a repeated field's last value counts, a missing or null list is
 * empty, a null upsert stays null for the delta's checks to refuse, and fields are bound with
 * {@code json}'s own deserializers and settings. Jackson has no parser that keeps the elements
 * of one array unbound, so this is written here.
 */
public final class CatalogDeltaReader {
    private final ObjectMapper json;
    private final ObjectReader items;

    /** {@code json} binds the fields and, later, the items, with its settings. */
    public CatalogDeltaReader(ObjectMapper json) {
        this.json = json;
        this.items = json.readerFor(ServiceItem.class);
    }

    /**
     * The delta in {@code in} (UTF-8 JSON).
     *
     * @throws IOException if it is not JSON of a delta's shape; the message says where
     */
    public CatalogDelta read(InputStream in) throws IOException {
        RecordedInput body = new RecordedInput(in);
        Long version = null;
        Long previousVersion = null;
        String issuedAt = null;
        List<CatalogDelta.Upsert> upserts = null;
        List<String> removes = null;
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw JsonMappingException.from(p, "a catalog delta must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "version" -> version = p.readValueAs(Long.class);
                    case "previousVersion" -> previousVersion = p.readValueAs(Long.class);
                    case "issuedAt" -> issuedAt = p.readValueAs(String.class);
                    case "removes" -> removes = p.readValueAs(new TypeReference<List<String>>() {
                    });
                    case "upserts" -> upserts = upserts(p, body);
                    default -> p.skipChildren();
                }
                body.release(p.currentLocation().getByteOffset());
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw JsonMappingException.from(p, "a catalog delta must be a JSON object");
            }
        }
        return new CatalogDelta(version, previousVersion, issuedAt, upserts, removes);
    }

    /** The upserts array the parser is at, each item kept as its JSON; null for null. */
    private List<CatalogDelta.Upsert> upserts(JsonParser p, RecordedInput body) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw JsonMappingException.from(p, "upserts must be an array of items");
        }
        List<CatalogDelta.Upsert> upserts = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            int index = upserts.size();
            if (t == JsonToken.VALUE_NULL) {
                upserts.add(new CatalogDelta.Bound(null));
            } else if (t == JsonToken.START_OBJECT) {
                long from = p.currentTokenLocation().getByteOffset();
                body.release(from);
                String code = null;
                Integer popularity = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "code" -> code = p.readValueAs(String.class);
                        case "popularity" -> popularity = p.readValueAs(Integer.class);
                        default -> p.skipChildren();
                    }
                }
                byte[] item = body.bytes(from, p.currentTokenLocation().getByteOffset() + 1);
                upserts.add(new Kept(index, code, popularity, item, items));
            } else {
                throw JsonMappingException.from(p, "upserts[" + index + "] must be an item (a JSON object)");
            }
        }
        return upserts;
    }

    /**
     * An upsert kept as its JSON, bound when asked for, once: its JSON is let go then, so that a
     * large delta's (30 MB for 10,000 items) goes as its items are indexed, not at the end.
     */
    private static final class Kept implements CatalogDelta.Upsert {
        private final int index;
        private final String code;
        private final Integer popularity;
        private final ObjectReader reader;
        private byte[] json;

        Kept(int index, String code, Integer popularity, byte[] json, ObjectReader reader) {
            this.index = index;
            this.code = code;
            this.popularity = popularity;
            this.json = json;
            this.reader = reader;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public Integer popularity() {
            return popularity;
        }

        @Override
        public ServiceItem item() {
            if (json == null) {
                throw new IllegalStateException("upserts[" + index + "] was bound already; its JSON is gone");
            }
            ServiceItem item;
            try {
                item = reader.readValue(json);
            } catch (JsonProcessingException e) {
                throw new CatalogFormatException("delta", List.of("upserts[" + index + "]: " + e.getOriginalMessage()));
            } catch (IOException e) {
                throw new IllegalStateException("reading bytes in memory cannot fail", e);
            }
            if (!Objects.equals(item.code(), code) || !Objects.equals(item.popularity(), popularity)) {
                // the same bytes through the same deserializers: cannot happen, but ranks hang on it
                throw new IllegalStateException("upserts[" + index + "] bound to another code or popularity");
            }
            json = null;
            return item;
        }
    }

    /**
     * The body as the parser reads it, with the bytes read since the last {@link #release}
     * kept, so that an item's JSON can be copied out once the parser has skipped over it. The
     * parser reads ahead a few KB, so what is kept is about one item and that.
     */
    static final class RecordedInput extends InputStream {
        private final InputStream in;
        private byte[] kept = new byte[64 * 1024];
        /** The offset in the body of {@code kept[0]}. */
        private long keptFrom;
        private int length;

        RecordedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] into, int off, int len) throws IOException {
            int n = in.read(into, off, len);
            if (n > 0) {
                keep(into, off, n);
            }
            return n;
        }

        private void keep(byte[] from, int off, int n) {
            if (length + n > kept.length) {
                kept = Arrays.copyOf(kept, Math.max(kept.length * 2, length + n));
            }
            System.arraycopy(from, off, kept, length, n);
            length += n;
        }

        /** Forgets the bytes before {@code offset} (an offset in the body). */
        void release(long offset) {
            int drop = (int) Math.min(length, Math.max(0, offset - keptFrom));
            if (drop == 0) {
                return;
            }
            System.arraycopy(kept, drop, kept, 0, length - drop);
            length -= drop;
            keptFrom += drop;
        }

        /** A copy of the body's bytes from {@code from} to {@code to} (exclusive), which are kept. */
        byte[] bytes(long from, long to) throws IOException {
            if (from < keptFrom || to > keptFrom + length || from < 0 || to < from) {
                throw new IOException("the delta's item at byte " + from + " was not kept (" + keptFrom + " to "
                        + (keptFrom + length) + " are)");
            }
            return Arrays.copyOfRange(kept, (int) (from - keptFrom), (int) (to - keptFrom));
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
