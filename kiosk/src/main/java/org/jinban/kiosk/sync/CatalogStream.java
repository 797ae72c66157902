package org.jinban.kiosk.sync;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.catalog.CatalogDelta;
import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.CatalogFileReader;
import org.jinban.kiosk.catalog.CatalogFormatException;
import org.jinban.kiosk.catalog.CatalogStore;
import org.jinban.kiosk.catalog.CatalogVersionException;
import org.jinban.kiosk.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the central platform's {@code catalog} stream (docs/sync-protocol.md): a
 * {@code catalog.snapshot} replaces the whole catalog, a {@code catalog.delta} changes the
 * version held into the next one. Each is applied in one transaction with the stream's cursor,
 * so the catalog and the cursor never disagree; what cannot be applied changes neither.
 *
 * <p>That transaction commits without waiting for the disk ({@link Database.Durability#RELAXED}):
 * the fsync of a 10,000-item version's 100 MB of WAL was a sixth of applying it, and a resident
 * was searching the old version meanwhile. A power cut in the second before the checkpoint
 * that follows syncs it takes the version back together with its cursor, and the hub sends it
 * again from that cursor after the restart, as it would any item not yet acknowledged.
 */
public final class CatalogStream {
    public static final String STREAM = "catalog";
    public static final String SNAPSHOT = "catalog.snapshot";
    public static final String DELTA = "catalog.delta";
    private static final Logger LOG = LoggerFactory.getLogger(CatalogStream.class);

    private final CatalogStore catalog;
    private final CatalogFileReader reader;
    private final ObjectMapper json;

    public CatalogStream(CatalogStore catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.reader = new CatalogFileReader(json);
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /**
     * Applies one item, and the cursor {@code seq} with it.
     *
     * @throws AppealStatusStream.CannotApply for an item that cannot be applied; nothing changed
     */
    public void apply(long seq, String kind, String bodyJson) {
        String source = STREAM + "/" + seq;
        long started = System.nanoTime();
        try {
            switch (kind) {
                case SNAPSHOT -> {
                    CatalogDocument doc = reader.read(
                            new ByteArrayInputStream(bodyJson.getBytes(StandardCharsets.UTF_8)), source);
                    catalog.replaceAll(doc, source, Database.Durability.RELAXED, c -> advance(c, seq));
                    LOG.info("catalog: snapshot version {} with {} items from {} in {} ms", doc.version(),
                            doc.items().size(), source, (System.nanoTime() - started) / 1_000_000);
                }
                case DELTA -> {
                    CatalogDelta delta = json.readValue(bodyJson, CatalogDelta.class);
                    catalog.applyDelta(delta, source, Database.Durability.RELAXED, c -> advance(c, seq));
                    LOG.info("catalog: delta {} -> {} (+{} changed, -{} removed) from {} in {} ms",
                            delta.previousVersion(), delta.version(), delta.upserts().size(), delta.removes().size(),
                            source, (System.nanoTime() - started) / 1_000_000);
                }
                default -> throw new AppealStatusStream.CannotApply("the catalog stream has no kind " + kind);
            }
        } catch (CatalogFormatException | CatalogVersionException e) {
            throw new AppealStatusStream.CannotApply(e.getMessage());
        } catch (IOException e) {
            throw new AppealStatusStream.CannotApply("the body is not a " + kind + ": " + e.getMessage());
        }
    }

    private static Void advance(java.sql.Connection c, long seq) throws java.sql.SQLException {
        SyncCursors.advance(c, STREAM, seq);
        return null;
    }
}
