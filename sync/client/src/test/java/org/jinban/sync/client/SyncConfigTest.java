package org.jinban.sync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jinban.sync.protocol.CommandSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class SyncConfigTest {

    private final Map<String, String> values = new HashMap<>(Map.of(
            "sync.hub-url", "wss://hub.example/sync/v1",
            "sync.kiosk-id", "K-370783001001-01",
            "sync.credential", "s3cret-enrollment"));

    private SyncConfig read() {
        return SyncConfig.from(k -> Optional.ofNullable(values.get(k)));
    }

    @Test
    void defaultsForTheOptionalKeys() {
        SyncConfig c = read();
        assertEquals(URI.create("wss://hub.example/sync/v1"), c.hubUrl());
        assertEquals(Duration.ofSeconds(60), c.reconnectCap());
        assertEquals(250, c.maxBatch());
        assertTrue(c.pin().isEmpty());
    }

    @Test
    void readsEveryKey() {
        values.put("sync.reconnect-cap", "30s");
        values.put("sync.max-batch", "25");
        values.put("sync.pin-sha256", "AB:".repeat(31) + "AB");
        SyncConfig c = read();
        assertEquals(Duration.ofSeconds(30), c.reconnectCap());
        assertEquals(25, c.maxBatch());
        assertEquals("ab".repeat(32), c.pinSha256());
    }

    @Test
    void durationsInSeveralSpellings() {
        assertEquals(Duration.ofMillis(500), SyncConfig.duration("k", "500ms"));
        assertEquals(Duration.ofSeconds(60), SyncConfig.duration("k", "60"));
        assertEquals(Duration.ofMinutes(2), SyncConfig.duration("k", "2m"));
        assertEquals(Duration.ofSeconds(90), SyncConfig.duration("k", "PT90S"));
    }

    @Test
    void theCredentialNeverShowsInToString() {
        String s = read().toString();
        assertFalse(s.contains("s3cret"), s);
        assertTrue(s.contains("K-370783001001-01"), s);
    }

    @Test
    void badValuesNameTheirKey() {
        assertKey("sync.hub-url", () -> values.put("sync.hub-url", "https://hub.example/"));
        assertKey("sync.hub-url", () -> values.remove("sync.hub-url"));
        assertKey("sync.kiosk-id", () -> values.put("sync.kiosk-id", " "));
        assertKey("sync.credential", () -> values.remove("sync.credential"));
        assertKey("sync.reconnect-cap", () -> values.put("sync.reconnect-cap", "0"));
        assertKey("sync.reconnect-cap", () -> values.put("sync.reconnect-cap", "soon"));
        assertKey("sync.max-batch", () -> values.put("sync.max-batch", "0"));
        assertKey("sync.max-batch", () -> values.put("sync.max-batch", "many"));
        assertKey("sync.pin-sha256", () -> values.put("sync.pin-sha256", "abc"));
        assertKey("sync.hub-public-key", () -> values.put("sync.hub-public-key", "not base64!"));
        assertKey("sync.hub-public-key", () -> values.put("sync.hub-public-key",
                java.util.Base64.getEncoder().encodeToString("a key of no algorithm".getBytes())));
    }

    @Test
    void theHubsCommandKeyIsReadWhenGivenAndAbsentOtherwise() {
        assertTrue(read().hubKey().isEmpty(), "no key: every command is refused");
        assertTrue(read().toString().contains("hubPublicKey=none"), read().toString());
        java.security.PublicKey key = CommandSignature.generateKeyPair().getPublic();
        values.put("sync.hub-public-key", CommandSignature.encodePublicKey(key));
        assertEquals(key, read().hubKey().orElseThrow());
    }

    @Test
    void theCredentialAndHubKeyComeFromTheFilesEnrollmentWrote(@TempDir Path dir) throws Exception {
        Path credential = ownerOnly(dir.resolve("credential"), "from-the-file-s3cret\n");
        java.security.PublicKey key = CommandSignature.generateKeyPair().getPublic();
        Path hubKey = dir.resolve("hub-public.key");
        Files.writeString(hubKey, CommandSignature.encodePublicKey(key) + "\n");
        values.remove("sync.credential");
        values.put("sync.credential-file", credential.toString());
        values.put("sync.hub-public-key-file", hubKey.toString());
        SyncConfig c = read();
        assertEquals("from-the-file-s3cret", c.credential(), "trimmed");
        assertEquals(key, c.hubKey().orElseThrow());

        values.put("sync.credential", "from-the-environment");
        assertEquals("from-the-environment", read().credential(), "a value given directly still wins");
    }

    @Test
    void aCredentialFileThatIsMissingEmptyOrOpenToOthersStopsTheStartNamingItsKey(@TempDir Path dir) throws Exception {
        values.remove("sync.credential");
        Path file = dir.resolve("credential");
        assertKeyMessage("sync.credential-file", "does not exist", () -> values.put("sync.credential-file", file.toString()));
        ownerOnly(file, "  \n");
        assertKeyMessage("sync.credential-file", "is empty", () -> values.put("sync.credential-file", file.toString()));
        Files.writeString(file, "s3cret-in-an-open-file");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertKeyMessage("sync.credential-file", "chmod 600", () -> values.put("sync.credential-file", file.toString()));
        assertKeyMessage("sync.hub-public-key-file", "does not exist",
                () -> values.put("sync.hub-public-key-file", dir.resolve("none.key").toString()));
        Path notAKey = Files.writeString(dir.resolve("bad.key"), "not a key");
        assertKeyMessage("sync.hub-public-key-file", "Ed25519",
                () -> values.put("sync.hub-public-key-file", notAKey.toString()));
    }

    private static Path ownerOnly(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private void assertKeyMessage(String key, String part, Runnable breakIt) {
        Map<String, String> saved = new HashMap<>(values);
        breakIt.run();
        SyncException e = assertThrows(SyncException.class, this::read);
        assertTrue(e.getMessage().startsWith(key + " ") && e.getMessage().contains(part), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        values.clear();
        values.putAll(saved);
    }

    private void assertKey(String key, Runnable breakIt) {
        Map<String, String> saved = new HashMap<>(values);
        breakIt.run();
        SyncException e = assertThrows(SyncException.class, this::read);
        assertTrue(e.getMessage().startsWith(key + " "), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        values.clear();
        values.putAll(saved);
    }
}
