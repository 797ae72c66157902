package org.jinban.kiosk.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jinban.kiosk.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskSelfCheckTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void passesWhileTheServerRunsAndTheDatabaseAnswers() {
        try (Database db = Database.open(dir)) {
            assertEquals(Optional.empty(), new KioskSelfCheck(() -> true, db).problem(BOUND));
        }
    }

    @Test
    void failsWhenTheServerStopped() {
        try (Database db = Database.open(dir)) {
            assertEquals(Optional.of("the web server is not running"), new KioskSelfCheck(() -> false, db).problem(BOUND));
        }
    }

    @Test
    void failsWhenTheDatabaseDoesNotAnswer() {
        Database db = Database.open(dir);
        db.close();
        Optional<String> problem = new KioskSelfCheck(() -> true, db).problem(BOUND);
        assertTrue(problem.orElse("").startsWith("the database does not answer"), problem.toString());
    }
}
