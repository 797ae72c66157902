package org.jinban.kiosk.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jinban.kiosk.testing.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskSecretTest {
    private static final String ID = "370783199001011234";

    @TempDir
    Path dir;

    @Test
    void aMissingSecretIsCreatedAsOneLineOfBase64OwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
        assumePosix();
        Path file = dir.resolve("state/keys/kiosk.secret");
        KioskSecret.loadOrCreate(file);

        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, "one line");
        assertEquals(32, Base64.getDecoder().decode(text.strip()).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void anExistingDirectoryKeepsItsPermissions() throws Exception {
        assumePosix();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        KioskSecret.loadOrCreate(dir.resolve("kiosk.secret"));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void loadingAgainGivesTheSameKeys() {
        Path file = dir.resolve("kiosk.secret");
        KioskSecret first = KioskSecret.loadOrCreate(file);
        KioskSecret again = KioskSecret.loadOrCreate(file);
        byte[] blob = first.cipher().encrypt("张小三", "staff/S001/name");
        assertEquals("张小三", again.cipher().decrypt(blob, "staff/S001/name"));
        assertEquals(first.idNumbers().hash(ID), again.idNumbers().hash(ID));
    }

    @Test
    void anotherKiosksSecretOpensNothing() {
        KioskSecret one = KioskSecret.loadOrCreate(dir.resolve("a.secret"));
        KioskSecret other = KioskSecret.loadOrCreate(dir.resolve("b.secret"));
        byte[] blob = one.cipher().encrypt("张小三", "staff/S001/name");
        assertThrows(PrivacyException.class, () -> other.cipher().decrypt(blob, "staff/S001/name"));
        assertNotEquals(one.idNumbers().hash(ID), other.idNumbers().hash(ID));
    }

    @Test
    void aSecretWrittenWithWindowsLineEndsLoads() throws Exception {
        byte[] secret = bytes(32);
        Path file = dir.resolve("kiosk.secret");
        Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\r\n");
        assertEquals(KioskSecret.of(secret).idNumbers().hash(ID), KioskSecret.loadOrCreate(file).idNumbers().hash(ID));
    }

    @Test
    void aSecretOpenToOthersIsTightenedWithAWarningThatDoesNotQuoteIt() throws Exception {
        assumePosix();
        Path file = dir.resolve("kiosk.secret");
        KioskSecret.loadOrCreate(file);
        String content = Files.readString(file).strip();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (CapturedLogs logs = CapturedLogs.of(KioskSecret.class)) {
            KioskSecret.loadOrCreate(file);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(logs.all().contains("WARN"), logs.all());
            assertTrue(logs.all().contains(file.toString()), logs.all());
            assertFalse(logs.all().contains(content), "the warning must not quote the secret");
        }
    }

    @Test
    void aGroupReadableSecretIsTightenedAndAnOwnerOnlyOneIsLeftAlone() throws Exception {
        assumePosix();
        Path file = dir.resolve("kiosk.secret");
        KioskSecret.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        KioskSecret.loadOrCreate(file);
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "only the group's and others' permissions are taken away");

        try (CapturedLogs logs = CapturedLogs.of(KioskSecret.class)) {
            KioskSecret.loadOrCreate(file);
            assertFalse(logs.all().contains("WARN"), logs.all());
        }
    }

    @Test
    void aMalformedFileIsNamedWithWhatIsWrongButNotItsContent() throws Exception {
        String wrongLength = Base64.getEncoder().encodeToString(bytes(16));
        String valid = Base64.getEncoder().encodeToString(bytes(32));
        Map<String, String> cases = Map.of(
                "", "empty",
                " \n\n", "empty",
                "SECRETSECRET$$$!", "not base64",
                wrongLength, "16 bytes",
                valid + "\n" + valid + "\n", "more than one line",
                "张三李四王五赵六", "not base64");
        int n = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path file = dir.resolve("bad-" + n++ + ".secret");
            Files.writeString(file, c.getKey());
            PrivacyException e = assertThrows(PrivacyException.class, () -> KioskSecret.loadOrCreate(file));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
            if (!c.getKey().isBlank()) {
                assertFalse(e.getMessage().contains(c.getKey().strip().substring(0, 6)), e.getMessage());
            }
            assertEquals(c.getKey(), Files.readString(file), "a malformed secret is never replaced");
        }
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsAnError() throws Exception {
        Path file = dir.resolve("kiosk.secret");
        Files.createDirectory(file);
        PrivacyException e = assertThrows(PrivacyException.class, () -> KioskSecret.loadOrCreate(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void eachUseHasItsOwnKeyDerivedWithItsLabel() throws Exception {
        byte[] secret = bytes(32);
        byte[] aes = KioskSecret.derive(secret, KioskSecret.CIPHER_LABEL);
        byte[] id = KioskSecret.derive(secret, KioskSecret.ID_NUMBER_LABEL);
        assertFalse(java.util.Arrays.equals(aes, id));
        assertFalse(java.util.Arrays.equals(aes, secret));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        assertArrayEquals(mac.doFinal("jinban/aes-gcm/v1".getBytes(StandardCharsets.UTF_8)), aes);
        assertArrayEquals(mac.doFinal("jinban/id-hmac/v1".getBytes(StandardCharsets.UTF_8)), id);

        KioskSecret ks = KioskSecret.of(secret);
        assertEquals(new IdNumberHasher(id).hash(ID), ks.idNumbers().hash(ID));
        assertNotEquals(new IdNumberHasher(aes).hash(ID), ks.idNumbers().hash(ID), "the HMAC key is not the AES key");
        assertNotEquals(new IdNumberHasher(secret).hash(ID), ks.idNumbers().hash(ID), "nor the secret itself");
        byte[] blob = ks.cipher().encrypt("张小三", "c");
        assertEquals("张小三", new PersonalDataCipher(aes).decrypt(blob, "c"));
        assertThrows(PrivacyException.class, () -> new PersonalDataCipher(id).decrypt(blob, "c"));
        assertThrows(PrivacyException.class, () -> new PersonalDataCipher(secret).decrypt(blob, "c"));
    }

    @Test
    void toStringRevealsNothing() throws Exception {
        Path file = dir.resolve("kiosk.secret");
        KioskSecret secret = KioskSecret.loadOrCreate(file);
        assertEquals("KioskSecret[hidden]", secret.toString());
        assertFalse(secret.toString().contains(Files.readString(file).strip()));
    }

    @Test
    void kiosksStartingTogetherAgreeOnOneSecret() throws Exception {
        Path file = dir.resolve("race/kiosk.secret");
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> hashes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                hashes.add(pool.submit(() -> {
                    start.await();
                    return KioskSecret.loadOrCreate(file).idNumbers().hash(ID);
                }));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            for (Future<String> h : hashes) {
                distinct.add(h.get());
            }
            distinct.add(KioskSecret.loadOrCreate(file).idNumbers().hash(ID));
            assertEquals(1, distinct.size(), "every caller uses the secret that ended up in the file");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void worksOnAFileSystemWithoutPosixPermissions() throws Exception {
        try (FileSystem zip = FileSystems.newFileSystem(dir.resolve("store.zip"), Map.of("create", "true"))) {
            assertFalse(zip.supportedFileAttributeViews().contains("posix"),
                    "a zip file system without enablePosixFileAttributes has no POSIX view: the case under test");
            Path file = zip.getPath("/keys/kiosk.secret");
            KioskSecret first = KioskSecret.loadOrCreate(file);
            KioskSecret again = KioskSecret.loadOrCreate(file);
            assertEquals(first.idNumbers().hash(ID), again.idNumbers().hash(ID));
            assertEquals(32, Base64.getDecoder().decode(Files.readString(file).strip()).length);
        }
    }

    private void assumePosix() {
        // The kiosk runs on Linux only (Raspberry Pi OS, Debian CI): a missing POSIX view is a
        // broken test machine, not a reason to skip the permission checks.
        assertTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "the temp directory's file system must support POSIX permissions");
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }
}
