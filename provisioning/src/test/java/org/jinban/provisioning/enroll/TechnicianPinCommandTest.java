package org.jinban.provisioning.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.jinban.kiosk.enroll.TechnicianPin;
import org.jinban.kiosk.staff.PinHasher;
import org.jinban.provisioning.ProvisionMain;
import org.jinban.provisioning.testing.Cli;
import org.jinban.provisioning.testing.KioskFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jinban-provision technician-pin}: only a hash, owner-only, and the PIN never printed. */
class TechnicianPinCommandTest {
    @TempDir
    Path etc;

    @Test
    void writesOnlyAHashOwnerOnlyThatTheKioskAccepts() throws Exception {
        Path config = KioskFiles.config(etc, 18080);
        Cli.Run run = Cli.withInput("482915\n", "technician-pin", "--config", config.toString(), "--owner",
                KioskFiles.me(), "--pin-stdin");
        assertEquals(ProvisionMain.EXIT_OK, run.exit(), run.all());
        Path file = etc.resolve("secret/technician-pin");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        String stored = Files.readString(file).strip();
        assertTrue(PinHasher.wellFormed(stored), stored);
        assertFalse(stored.contains("482915"));
        assertFalse(run.all().contains("482915"), "the PIN is never printed");
        TechnicianPin pin = new TechnicianPin(Optional.of(file), new PinHasher());
        assertTrue(pin.matches("482915"));
        assertFalse(pin.matches("482916"));
    }

    @Test
    void aWeakOrMissingPinChangesNothing() throws Exception {
        Path config = KioskFiles.config(etc, 18080);
        Cli.Run weak = Cli.withInput("123456\n", "technician-pin", "--config", config.toString(), "--owner",
                KioskFiles.me(), "--pin-stdin");
        assertEquals(ProvisionMain.EXIT_FAILED, weak.exit(), weak.all());
        assertTrue(weak.err().contains("run of consecutive digits"), weak.err());
        Cli.Run none = Cli.withInput("", "technician-pin", "--config", config.toString(), "--owner", KioskFiles.me(),
                "--pin-stdin");
        assertEquals(ProvisionMain.EXIT_USAGE, none.exit(), none.all());
        assertFalse(Files.exists(etc.resolve("secret/technician-pin")));
    }
}
