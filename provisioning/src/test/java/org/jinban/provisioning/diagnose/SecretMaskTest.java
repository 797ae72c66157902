package org.jinban.provisioning.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretMaskTest {
    @TempDir
    Path dir;

    @Test
    void everyOccurrenceOfASecretIsReplacedAndCounted() {
        SecretMask mask = new SecretMask(List.of("s3cret-credential", "abc"));
        SecretMask.Masked m = mask.mask("x s3cret-credential y s3cret-credential abc");
        assertEquals("x <redacted> y <redacted> abc", m.text());
        assertEquals(2, m.count());
    }

    @Test
    void aTextSecretFileGivesItsTextAndLinesABinaryOneItsBase64() throws Exception {
        Path text = Files.writeString(dir.resolve("credential"), "line-one-secret\nline-two-secret\n");
        assertEquals(Set.of("line-one-secret\nline-two-secret", "line-one-secret", "line-two-secret"),
                SecretMask.contents(text));
        byte[] der = {0x30, (byte) 0x82, 0x01, (byte) 0xff, (byte) 0xfe, 0x00, 0x42, (byte) 0x99};
        Path key = Files.write(dir.resolve("identity.key"), der);
        assertTrue(SecretMask.contents(key).contains(Base64.getEncoder().encodeToString(der)));
    }

    @Test
    void theConfigurationsSecretsAndTheSecretDirectoryAreBothMasked() throws Exception {
        Path secretDir = Files.createDirectories(dir.resolve("secret"));
        Files.writeString(secretDir.resolve("credential"), "FILE-SECRET-0001");
        Path config = Files.writeString(dir.resolve("kiosk.yaml"), "sync:\n  credential: CONFIG-SECRET-0002\n");
        SecretMask mask = SecretMask.of(ConfigView.read(config, dir.resolve("enrollment.yaml")), secretDir);
        SecretMask.Masked m = mask.mask("a FILE-SECRET-0001 b CONFIG-SECRET-0002");
        assertFalse(m.text().contains("SECRET-000"), m.text());
        assertEquals(2, m.count());
    }
}
