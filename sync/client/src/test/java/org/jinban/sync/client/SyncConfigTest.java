package org.jinban.sync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jinban.sync.protocol.CommandSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
