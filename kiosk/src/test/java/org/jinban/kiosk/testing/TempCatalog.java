package org.jinban.kiosk.testing;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.CatalogSearch;
import org.jinban.kiosk.catalog.CatalogStore;
import org.jinban.kiosk.store.Database;

/** A real SQLite catalog in a scratch directory, loaded with a given document. */
public final class TempCatalog implements AutoCloseable {
    public final Database db;
    public final CatalogStore store;
    public final CatalogSearch search;
    public final ObjectMapper json = Kiosk.objectMapper();

    public TempCatalog(Path dir, CatalogDocument doc) {
        db = Database.open(dir);
        store = new CatalogStore(db, json);
        store.replaceAll(doc, "test");
        search = new CatalogSearch(store);
    }

    @Override
    public void close() {
        db.close();
    }
}
