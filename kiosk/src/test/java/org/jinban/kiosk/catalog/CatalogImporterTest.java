package org.jinban.kiosk.catalog;

import static org.jinban.kiosk.testing.CatalogFixtures.catalog;
import static org.jinban.kiosk.testing.CatalogFixtures.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

class CatalogImporterTest {
    @TempDir
    Path dir;
    private final ObjectMapper json = Kiosk.objectMapper();

    private Path write(String name, CatalogDocument doc) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, json.writeValueAsBytes(doc));
        return file;
    }

    @Test
    void importsOnFirstStartThenOnlyNewerVersions() throws Exception {
        Path v1 = write("v1.json", catalog(1, item("JB-001", "居住证办理", "Residence permit")));
        Path v2 = write("v2.json", catalog(2, item("JB-001", "居住证办理", "Residence permit"),
                item("JB-002", "高龄津贴申请", "Old-age allowance")));
        try (Database db = Database.open(dir.resolve("data"))) {
            CatalogStore store = new CatalogStore(db, json);
            CatalogImporter importer = new CatalogImporter(new CatalogFileReader(json), store);
            assertEquals(1, importer.importIfNewer(v1.toString()));
            assertEquals(1, store.itemCount());
            assertEquals(2, importer.importIfNewer(v2.toString()));
            assertEquals(2, store.itemCount());
            assertEquals(2, importer.importIfNewer(v1.toString()), "an older file never replaces a newer catalog");
            assertEquals(2, store.itemCount());
            assertEquals(Optional.of(2L), store.version());
        }
    }

    @Test
    void aLargeImportIsFollowedByOneCollection() throws Exception {
        Path small = write("v1.json", catalog(1, item("JB-001", "居住证办理", "Residence permit")));
        org.jinban.kiosk.testing.CatalogFixtures.ItemBuilder[] many =
                new org.jinban.kiosk.testing.CatalogFixtures.ItemBuilder[CatalogStore.LARGE_CHANGE];
        for (int i = 0; i < many.length; i++) {
            many[i] = item("JB-M%04d".formatted(i), "事项第" + i + "号", "Item " + i);
        }
        Path large = write("v2.json", catalog(2, many));
        try (Database db = Database.open(dir.resolve("data"))) {
            CatalogStore store = new CatalogStore(db, json);
            java.util.concurrent.atomic.AtomicInteger collections = new java.util.concurrent.atomic.AtomicInteger();
            store.onLargeChange(collections::incrementAndGet);
            CatalogImporter importer = new CatalogImporter(new CatalogFileReader(json), store);
            importer.importIfNewer(small.toString());
            assertEquals(0, collections.get());
            importer.importIfNewer(large.toString());
            assertEquals(1, collections.get());
            importer.importIfNewer(large.toString());
            assertEquals(1, collections.get(), "a version already held is not imported again");
        }
    }

    @Test
    void aBrokenFileLeavesTheHeldCatalogUntouched() throws Exception {
        Path v1 = write("v1.json", catalog(1, item("JB-001", "居住证办理", "Residence permit")));
        Path broken = dir.resolve("v3.json");
        String text = json.writeValueAsString(catalog(3, item("JB-001", "居住证办理", "Residence permit")))
                .replace("\"P5D\"", "\"five days\"");
        Files.writeString(broken, text);
        try (Database db = Database.open(dir.resolve("data"))) {
            CatalogStore store = new CatalogStore(db, json);
            CatalogImporter importer = new CatalogImporter(new CatalogFileReader(json), store);
            importer.importIfNewer(v1.toString());
            assertThrows(CatalogFormatException.class, () -> importer.importIfNewer(broken.toString()));
            assertEquals(Optional.of(1L), store.version());
            assertEquals("居住证办理", store.item("JB-001").orElseThrow().name().zh());
        }
    }

    /**
     * An import switches the automatic checkpoint and sqlite-jdbc's generated keys off for its
     * own commit; the pooled connection it ran on must come back as it was.
     */
    @Test
    void anImportGivesItsConnectionBackAsItWas() throws Exception {
        try (Database db = Database.open(dir.resolve("data"))) {
            CatalogStore store = new CatalogStore(db, json);
            store.replaceAll(catalog(1, item("JB-001", "居住证办理", "Residence permit")), "test");
            try (Connection c = db.connection();
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA wal_autocheckpoint")) {
                rs.next();
                assertEquals(1000, rs.getInt(1));
                assertTrue(c.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys());
            }
            assertEquals(1, store.itemCount());
        }
    }

    @Test
    void readsTheVersionWithoutTheItems() throws Exception {
        Path v7 = write("v7.json", catalog(7, item("JB-001", "居住证办理", "Residence permit")));
        assertEquals(7, new CatalogFileReader(json).version(v7.toString()));
        Files.writeString(dir.resolve("none.json"), "[1, 2]");
        assertEquals(0, new CatalogFileReader(json).version(dir.resolve("none.json").toString()));
    }
}
