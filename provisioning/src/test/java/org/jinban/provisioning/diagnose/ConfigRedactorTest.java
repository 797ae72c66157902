package org.jinban.provisioning.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfigRedactorTest {
    @Test
    void secretKeysAreRecognisedByTheirWordsNotBySubstrings() {
        for (String key : new String[] {"sync.credential", "password", "admin_password", "technician-pin", "apiKey",
                "sync.hub-public-key", "SYNC_CREDENTIAL", "secrets", "auth.token", "kiosk.secret-file"}) {
            assertTrue(ConfigRedactor.isSecretKey(key), key);
        }
        for (String key : new String[] {"kiosk.data-dir", "pinyin", "keyboard-layout", "sync.hub-url", "server.port",
                "devices.gpio.help-button", "spinner", "monkey"}) {
            assertFalse(ConfigRedactor.isSecretKey(key), key);
        }
    }

    @Test
    void aPublicKeysFileIsNotASecretFileThoughItsKeyLooksSecret() {
        assertTrue(ConfigRedactor.namesAPublicKey("sync.hub-public-key-file"));
        assertTrue(ConfigRedactor.namesAPublicKey("hubPublicKeyFile"));
        for (String key : new String[] {"sync.credential-file", "kiosk.secret-file", "identity-key-file", "publication"}) {
            assertFalse(ConfigRedactor.namesAPublicKey(key), key);
        }
    }

    @Test
    void aValueUnderASecretKeyIsRedactedAndTheRestIsKeptAsWritten() {
        String yaml = """
                # Jinban kiosk, station 01
                server:
                  port: 8080
                sync:
                  hub-url: wss://hub.example.cn:443/sync/v1
                  credential: "c2VjcmV0LWNyZWQ="   # from enrollment
                  pin-sha256: 3q2+7w==
                kiosk:
                  technician-pin: 4711
                  station:
                    name-zh: 丰华社区便民服务站
                """;
        ConfigRedactor.Redacted r = ConfigRedactor.redact(yaml);
        assertEquals(3, r.values(), r.text());
        assertFalse(r.text().contains("c2VjcmV0LWNyZWQ="), r.text());
        assertFalse(r.text().contains("4711"), r.text());
        assertFalse(r.text().contains("3q2+7w=="), r.text());
        assertTrue(r.text().contains("  credential: <redacted>"), r.text());
        assertTrue(r.text().contains("hub-url: wss://hub.example.cn:443/sync/v1"), r.text());
        assertTrue(r.text().contains("port: 8080"), r.text());
        assertTrue(r.text().contains("name-zh: 丰华社区便民服务站"), r.text());
        assertTrue(r.text().startsWith("# Jinban kiosk, station 01\n"), r.text());
    }

    @Test
    void aKeyThatOnlyNamesAFileKeepsItsPathButNotAnythingElse() {
        String yaml = """
                kiosk:
                  secret-file: /etc/jinban/secret/kiosk.key
                sync:
                  credential-file: ./secret/credential
                  hub-public-key-file: file:/etc/jinban/hub-public.key
                  token-file: c2VjcmV0IHRva2Vu
                  password-path: "my pass word"
                """;
        ConfigRedactor.Redacted r = ConfigRedactor.redact(yaml);
        assertTrue(r.text().contains("secret-file: /etc/jinban/secret/kiosk.key"), r.text());
        assertTrue(r.text().contains("credential-file: ./secret/credential"), r.text());
        assertTrue(r.text().contains("hub-public-key-file: file:/etc/jinban/hub-public.key"), r.text());
        assertFalse(r.text().contains("c2VjcmV0IHRva2Vu"), r.text());
        assertFalse(r.text().contains("my pass word"), r.text());
        assertEquals(2, r.values(), r.text());
    }

    @Test
    void everythingNestedUnderASecretKeyIsRedactedBlocksListsAndFlowMappingsToo() {
        String yaml = """
                credentials:
                  hub: alpha-secret-1
                  backup:
                    - beta-secret-2
                private-key: |
                  -----BEGIN PRIVATE KEY-----
                  gamma-secret-3
                  -----END PRIVATE KEY-----
                staff: {name: ops, password: delta-secret-4}
                devices:
                  simulate: false
                """;
        ConfigRedactor.Redacted r = ConfigRedactor.redact(yaml);
        for (String secret : new String[] {"alpha-secret-1", "beta-secret-2", "gamma-secret-3", "delta-secret-4",
                "BEGIN PRIVATE KEY"}) {
            assertFalse(r.text().contains(secret), secret + " in\n" + r.text());
        }
        assertTrue(r.text().contains("  hub: <redacted>"), r.text());
        assertTrue(r.text().contains("name: ops"), r.text());
        assertTrue(r.text().contains("devices:\n  simulate: false"), r.text());
    }

    @Test
    void secretsInCommentsAreRedactedToo() {
        String yaml = """
                # old credential: epsilon-secret-5, set SYNC_CREDENTIAL=zeta-secret-6 instead
                server:
                  port: 8080  # password: eta-secret-7
                # secret-file: /etc/jinban/secret/kiosk.key
                """;
        ConfigRedactor.Redacted r = ConfigRedactor.redact(yaml);
        for (String secret : new String[] {"epsilon-secret-5", "zeta-secret-6", "eta-secret-7"}) {
            assertFalse(r.text().contains(secret), secret + " in\n" + r.text());
        }
        assertTrue(r.text().contains("# secret-file: /etc/jinban/secret/kiosk.key"), r.text());
        assertTrue(r.text().contains("port: 8080"), r.text());
    }

    @Test
    void aFileThatIsNotYamlAtAllIsStillRedactedLineByLine() {
        String broken = "sync:\n  credential: theta-secret-8\n   bad indent: [unclosed\n";
        ConfigRedactor.Redacted r = ConfigRedactor.redact(broken);
        assertFalse(r.text().contains("theta-secret-8"), r.text());
        assertTrue(r.text().contains("bad indent: [unclosed"), r.text());
    }
}
