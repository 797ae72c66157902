package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HubMain's TLS options are refused before anything starts when only one of them is given. */
class HubMainOptionsTest {
    @TempDir
    Path dir;

    @Test
    void theTlsOptionsGoTogether() {
        for (String option : new String[] {"--tls-keystore", "--tls-password-file"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HubMain.main(new String[] {
                    "--port", "0", "--data", dir.toString(), option, dir.resolve("f").toString()}));
            assertTrue(e.getMessage().contains("go together"), e.getMessage());
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> HubMain.main(new String[] {"--tls"}));
        assertTrue(unknown.getMessage().contains("--tls-keystore"), unknown.getMessage());
    }
}
