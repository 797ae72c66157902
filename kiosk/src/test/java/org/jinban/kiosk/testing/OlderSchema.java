package org.jinban.kiosk.testing;

import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.jinban.kiosk.store.Database;
import org.sqlite.SQLiteDataSource;

/** A kiosk database in {@code dir} migrated only as far as an older schema, for a migration test to fill. */
public final class OlderSchema {
    private OlderSchema() {
    }

    /** The database at schema version {@code target}, as the kiosk's migrations left it then. */
    public static SQLiteDataSource at(Path dir, int target) {
        SQLiteDataSource db = new SQLiteDataSource();
        db.setUrl("jdbc:sqlite:" + dir.resolve(Database.FILE_NAME));
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target(String.valueOf(target)).load()
                .migrate();
        return db;
    }
}
