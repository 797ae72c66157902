package org.jinban.kiosk.catalog;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Imports a catalog file when it is newer than the version the kiosk holds. */
public final class CatalogImporter {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogImporter.class);

    private final CatalogFileReader reader;
    private final CatalogStore store;

    public CatalogImporter(CatalogFileReader reader, CatalogStore store) {
        this.reader = reader;
        this.store = store;
    }

    /**
     * Imports {@code location} unless the kiosk already holds its version or a newer one.
     *
     * @return the version the kiosk holds afterwards
     * @throws CatalogFormatException if the file is malformed; the held version stays
     */
    public long importIfNewer(String location) {
        Optional<Long> held = store.version();
        if (held.isPresent()) {
            // Most starts find the catalog already held: read the file's version, not the file.
            long offered = reader.version(location);
            if (held.get() >= offered) {
                LOG.info("catalog: keeping version {} ({} offers version {})", held.get(), location, offered);
                return held.get();
            }
        }
        Imported imported = importFile(location);
        store.changed(imported.items());
        return imported.version();
    }

    private record Imported(long version, int items) {
    }

    /** Imports the file; the parsed document is let go on return. */
    private Imported importFile(String location) {
        CatalogDocument doc = reader.read(location);
        long started = System.nanoTime();
        store.replaceAll(doc, location);
        LOG.info("catalog: imported version {} with {} items from {} in {} ms", doc.version(), doc.items().size(),
                location, (System.nanoTime() - started) / 1_000_000);
        return new Imported(doc.version(), doc.items().size());
    }
}
