package org.jinban.bench;

import java.nio.file.Path;

import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.CatalogFileReader;
import org.jinban.kiosk.catalog.CatalogStore;
import org.jinban.kiosk.store.Database;

/** Writes a kiosk database holding the generated catalog, to look at a slow query with sqlite3. */
public final class BuildCatalogDb {
    private BuildCatalogDb() {
    }

    public static void main(String[] args) {
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        CatalogDocument demo = new CatalogFileReader(Kiosk.objectMapper()).read("classpath:catalog/demo-catalog.json");
        try (Database db = Database.open(Path.of(args[0]))) {
            new CatalogStore(db, Kiosk.objectMapper()).replaceAll(CatalogGenerator.grow(demo, size, 42), "bench");
        }
    }
}
