package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.sync.protocol.CommandSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubKeyTest {
    @TempDir
    Path data;

    private static ObjectNode command() {
        ObjectNode c = new ObjectMapper().createObjectNode().put("commandId", "6a1c3f0e-0000-4000-8000-000000000001")
                .put("kioskId", "K-1").put("action", "print-test-page");
        c.putObject("args");
        return c.put("issuedAt", "2026-11-23T08:00:00Z").put("expiresAt", "2026-11-23T08:05:00Z");
    }

    @Test
    void theFirstStartMakesAnOwnerOnlyKeyAndWritesItsPublicHalf() throws Exception {
        HubKey key = HubKey.loadOrCreate(data);
        Path file = data.resolve(HubKey.PRIVATE_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String published = Files.readString(data.resolve(HubKey.PUBLIC_FILE), StandardCharsets.US_ASCII);
        assertEquals(key.publicKeyBase64() + "\n", published);
        ObjectNode signed = key.sign(command());
        assertTrue(CommandSignature.verify(CommandSignature.decodePublicKey(published.strip()), signed));
        assertFalse(key.toString().contains(java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(file))),
                "the private key never shows in a log line");
        try (var dir = Files.list(data)) {
            assertEquals(2, dir.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aLaterStartLoadsTheSameKeyAndRestoresAMissingPublicFile() throws Exception {
        HubKey first = HubKey.loadOrCreate(data);
        byte[] stored = Files.readAllBytes(data.resolve(HubKey.PRIVATE_FILE));
        Files.delete(data.resolve(HubKey.PUBLIC_FILE));
        HubKey again = HubKey.loadOrCreate(data);
        assertEquals(first.publicKey(), again.publicKey());
        assertEquals(first.publicKeyBase64() + "\n", Files.readString(data.resolve(HubKey.PUBLIC_FILE)));
        assertTrue(CommandSignature.verify(first.publicKey(), again.sign(command())), "the reloaded key signs as the first");
        assertEquals(java.util.Arrays.toString(stored),
                java.util.Arrays.toString(Files.readAllBytes(data.resolve(HubKey.PRIVATE_FILE))), "the key is not remade");
    }

    @Test
    void aKeyOthersCanReadIsRefusedNamingTheFix() throws Exception {
        HubKey.loadOrCreate(data);
        Path file = data.resolve(HubKey.PRIVATE_FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        HubException e = assertThrows(HubException.class, () -> HubKey.loadOrCreate(data));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertTrue(e.getMessage().contains("group or others"), e.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThrows(HubException.class, () -> HubKey.loadOrCreate(data));
    }

    @Test
    void aFileThatIsNoKeyIsAClearError() throws Exception {
        Path file = data.resolve(HubKey.PRIVATE_FILE);
        Files.writeString(file, "not a key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        HubException e = assertThrows(HubException.class, () -> HubKey.loadOrCreate(data));
        assertTrue(e.getMessage().contains("not an Ed25519 PKCS#8 key"), e.getMessage());
    }
}
