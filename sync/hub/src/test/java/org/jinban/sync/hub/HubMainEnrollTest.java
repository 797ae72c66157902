package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code HubMain --enroll}: what the demo runs once, offline, before it starts the hub. */
class HubMainEnrollTest {
    @TempDir
    Path dir;

    @Test
    void enrollsAKioskAndWritesItsCredentialOwnerOnlyAndOnlyOnce() throws Exception {
        Path data = dir.resolve("hub");
        Path file = dir.resolve("demo").resolve("kiosk.credential");
        HubMain.main(new String[] {"--data", data.toString(), "--enroll", "K-1", "--credential-file", file.toString()});
        String credential = Files.readString(file);
        assertFalse(credential.isBlank());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (HubStore store = HubStore.open(data, Clock.systemUTC())) {
            assertTrue(store.authenticate("K-1", credential));
            assertFalse(store.authenticate("K-1", credential + "x"));
        }
        HubException twice = assertThrows(HubException.class, () -> HubMain.main(new String[] {"--data",
                data.toString(), "--enroll", "K-1", "--credential-file", file.toString()}));
        assertTrue(twice.getMessage().contains("enrolled already"), twice.getMessage());
        assertEquals(credential, Files.readString(file), "a refused enrollment leaves the credential file alone");
        assertThrows(IllegalArgumentException.class, () -> HubMain.main(new String[] {"--data", data.toString(),
                "--enroll", "K-2"}), "the credential is never printed, so a file is required");
    }
}
