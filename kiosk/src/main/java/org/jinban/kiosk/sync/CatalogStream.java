package org.jinban.kiosk.sync;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.catalog.CatalogDelta;
import org.jinban.kiosk.catalog.CatalogDeltaReader;
import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.CatalogFileReader;
import org.jinban.kiosk.catalog.CatalogFormatException;
import org.jinban.kiosk.catalog.CatalogStore;
import org.jinban.kiosk.catalog.CatalogVersionException;
import org.jinban.kiosk.store.Database;
import org.jinban.sync.protocol.CatalogParts;
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
 *
 * <p>A version too large for one frame comes as {@code catalog.delta.part} or
 * {@code catalog.snapshot.part} items: each part is kept ({@link StagedCatalogParts}) in the
 * transaction that moves the cursor past it, and the last part's transaction applies the joined
 * body exactly as a whole one, and forgets the parts. Until then residents search the version
 * held; a part that does not continue the parts kept is refused and the parts forgotten, and
 * the hub answers with a snapshot.
 */
public final class CatalogStream {
    public static final String STREAM = "catalog";
    public static final String SNAPSHOT = "catalog.snapshot";
    public static final String DELTA = "catalog.delta";
    private static final Logger LOG = LoggerFactory.getLogger(CatalogStream.class);

    private final Database db;
    private final CatalogStore catalog;
    private final CatalogFileReader reader;
    private final CatalogDeltaReader deltaReader;
    private final ObjectMapper json;

    public CatalogStream(Database db, CatalogStore catalog, ObjectMapper json) {
        this.db = db;
        this.catalog = catalog;
        this.reader = new CatalogFileReader(json);
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.deltaReader = new CatalogDeltaReader(this.json);
    }

    /**
     * Applies one item, and the cursor {@code seq} with it.
     *
     * @throws AppealStatusStream.CannotApply for an item that cannot be applied; nothing changed
     */
    public void apply(long seq, String kind, String bodyJson) {
        int changed;
        if (CatalogParts.wholeKindOf(kind).isPresent()) {
            changed = applyPart(seq, kind, bodyJson);
        } else if (kind.equals(SNAPSHOT) || kind.equals(DELTA)) {
            changed = applyWhole(seq, kind, new ByteArrayInputStream(bodyJson.getBytes(StandardCharsets.UTF_8)), 1);
        } else {
            throw new AppealStatusStream.CannotApply("the catalog stream has no kind " + kind);
        }
        catalog.changed(changed); // here, where the parsed version is no longer referenced
    }

    /** Keeps or applies a part; the items the applied body changed (0 for a part kept). */
    private int applyPart(long seq, String kind, String bodyJson) {
        CatalogParts.Part part;
        try {
            part = CatalogParts.Part.of(json.readTree(bodyJson));
        } catch (IOException | IllegalArgumentException e) {
            forgetParts();
            throw new AppealStatusStream.CannotApply("the body is not a " + kind + ": " + e.getMessage());
        }
        String whole = CatalogParts.wholeKindOf(kind).orElseThrow();
        try {
            if (!part.last()) {
                db.inRelaxedTransaction("keep " + kind + " " + part.part() + " of " + part.parts(), c -> {
                    StagedCatalogParts.keep(c, kind, part);
                    return advance(c, seq);
                });
                LOG.debug("catalog: kept part {} of {} of version {} from {}/{}", part.part(), part.parts(),
                        part.version(), STREAM, seq);
                return 0;
            }
            byte[] lastSlice = part.text().getBytes(StandardCharsets.UTF_8);
            db.read("check the catalog parts kept", c -> {
                StagedCatalogParts.checkCompletes(c, kind, part, lastSlice.length);
                return null;
            });
            return applyWhole(seq, whole, new JoinedParts(db, part.part(), lastSlice), part.parts());
        } catch (StagedCatalogParts.OutOfSequence e) {
            forgetParts();
            throw new AppealStatusStream.CannotApply(e.getMessage());
        } catch (AppealStatusStream.CannotApply e) {
            forgetParts();
            throw e;
        }
    }

    /**
     * Applies a whole body of {@code kind} read from {@code in}, carried by {@code items} items;
     * how many catalog items it changed.
     */
    private int applyWhole(long seq, String kind, InputStream in, int items) {
        String source = STREAM + "/" + seq;
        long started = System.nanoTime();
        try {
            if (kind.equals(SNAPSHOT)) {
                CatalogDocument doc = reader.read(in, source);
                catalog.replaceAll(doc, source, Database.Durability.RELAXED, c -> advanceAndForgetParts(c, seq));
                LOG.info("catalog: snapshot version {} with {} items from {}{} in {} ms", doc.version(),
                        doc.items().size(), source, inParts(items), (System.nanoTime() - started) / 1_000_000);
                return doc.items().size();
            } else {
                CatalogDelta delta = deltaReader.read(in);
                catalog.applyDelta(delta, source, Database.Durability.RELAXED, c -> advanceAndForgetParts(c, seq));
                LOG.info("catalog: delta {} -> {} (+{} changed, -{} removed) from {}{} in {} ms",
                        delta.previousVersion(), delta.version(), delta.upserts().size(), delta.removes().size(),
                        source, inParts(items), (System.nanoTime() - started) / 1_000_000);
                return delta.upserts().size() + delta.removes().size();
            }
        } catch (CatalogFormatException | CatalogVersionException e) {
            throw new AppealStatusStream.CannotApply(e.getMessage());
        } catch (IOException e) {
            throw new AppealStatusStream.CannotApply("the body is not a " + kind + ": " + e.getMessage());
        }
    }

    private static String inParts(int items) {
        return items == 1 ? "" : " (the last of " + items + " parts)";
    }

    /** A body that can never be whole now; its parts are only disk. */
    private void forgetParts() {
        db.inRelaxedTransaction("forget the catalog parts kept", c -> {
            StagedCatalogParts.clear(c);
            return null;
        });
    }

    private static Void advance(Connection c, long seq) throws SQLException {
        SyncCursors.advance(c, STREAM, seq);
        return null;
    }

    /** A whole body, or the last part's, also ends whatever body the parts kept were of. */
    private static Void advanceAndForgetParts(Connection c, long seq) throws SQLException {
        StagedCatalogParts.clear(c);
        return advance(c, seq);
    }

    /**
     * The whole body: the slices of the parts kept, read from the database one at a time as the
     * reader reaches them, then the last part's ({@code lastSlice}, part {@code lastPart}). A
     * kiosk's heap is 192 MB and a 10,000-item body 30 MB: it is never held whole.
     */
    private static final class JoinedParts extends InputStream {
        private final Database db;
        private final int lastPart;
        private final byte[] lastSlice;
        private int next = 1;
        private ByteArrayInputStream current = new ByteArrayInputStream(new byte[0]);

        JoinedParts(Database db, int lastPart, byte[] lastSlice) {
            this.db = db;
            this.lastPart = lastPart;
            this.lastSlice = lastSlice;
        }

        /** Moves to the next slice; false after the last. */
        private boolean advance() {
            if (next > lastPart) {
                return false;
            }
            int part = next++;
            byte[] slice = part == lastPart ? lastSlice
                    : db.read("read catalog part " + part, c -> StagedCatalogParts.slice(c, part));
            current = new ByteArrayInputStream(slice);
            return true;
        }

        @Override
        public int read() {
            int b;
            while ((b = current.read()) < 0) {
                if (!advance()) {
                    return -1;
                }
            }
            return b;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n;
            while ((n = current.read(into, off, len)) <= 0) {
                if (!advance()) {
                    return -1;
                }
            }
            return n;
        }
    }
}
