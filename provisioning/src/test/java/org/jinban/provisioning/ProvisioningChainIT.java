package org.jinban.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.kiosk.appeal.TrackingNumbers;
import org.jinban.kiosk.store.Database;
import org.jinban.provisioning.testing.Cli;
import org.jinban.provisioning.testing.KioskRoot;
import org.jinban.provisioning.testing.TestHub;
import org.jinban.sync.protocol.Push;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done means": a fresh machine (one temporary root laid out as /etc/jinban,
 * /var/lib/jinban, /var/log/jinban) goes through enroll against the reference hub → config
 * check → selftest on the simulators → diagnose → factory reset, and then enrolls again under the
 * same kiosk id once the hub's operator revoked it. Each
 * step runs through {@code ProvisionMain.run}, as the technician types it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProvisioningChainIT {
    private static final String KIOSK_ID = "K-370783001001-01";
    /** Stands in for the ciphertext of a resident's name: it must never leave the kiosk's database. */
    private static final String PERSONAL_MARKER = "PERSONAL-COLUMN-MARKER-c41d";

    @TempDir
    Path machine;
    @TempDir
    Path hubData;
    @TempDir
    Path support;

    @Test
    void aFreshKioskIsEnrolledCheckedTestedDiagnosedResetAndEnrolledAgain() throws Exception {
        try (TestHub hub = TestHub.start(hubData)) {
            KioskRoot kiosk = KioskRoot.fresh(machine);

            // 1. enroll
            Cli.Run enroll = kiosk.enroll(hub, hub.code(KIOSK_ID));
            assertEquals(ProvisionMain.EXIT_OK, enroll.exit(), enroll.all());
            assertTrue(enroll.out().contains("Enrolled with the hub at " + hub.syncUrl() + "."), enroll.out());
            assertTrue(enroll.out().contains("  kiosk id:    " + KIOSK_ID), enroll.out());
            assertTrue(enroll.out().contains("  grid code:   370783001001"), enroll.out());
            String credential = Files.readString(kiosk.etc.resolve("secret/credential")).strip();
            String dataSecret = Files.readString(kiosk.etc.resolve("secret/kiosk.key")).strip();
            byte[] identityKey = Files.readAllBytes(kiosk.etc.resolve("secret/identity.key"));
            assertFalse(enroll.all().contains(credential), "the credential is never printed");
            assertFalse(enroll.all().contains(dataSecret), "the data secret is never printed");
            assertEquals(1, hub.kiosks().size(), hub.kiosks().toString());

            // 2. config check: the technician's file and what enrollment wrote beside it
            Cli.Run check = kiosk.configCheck();
            assertEquals(ProvisionMain.EXIT_OK, check.exit(), check.all());
            assertEquals("OK: " + kiosk.config + " (and enrollment.yaml)\n", check.out());

            // 3. selftest on the simulators, the hub step as the enrolled kiosk
            Cli.Run selftest = kiosk.selftest();
            assertEquals(ProvisionMain.EXIT_OK, selftest.exit(), selftest.all());
            for (String step : List.of("printer", "scanner", "idcard", "leds", "buzzer", "presence", "help", "hub",
                    "clock")) {
                assertEquals("PASS", row(selftest.out(), step).group(1), step + " in\n" + selftest.out());
            }
            assertTrue(selftest.out().contains("All 9 steps passed."), selftest.out());
            assertTrue(row(selftest.out(), "hub").group(2).contains("welcome as " + KIOSK_ID), selftest.out());
            assertFalse(selftest.all().contains(credential), selftest.all());

            // the kiosk service then runs a while: its database, one appeal with personal columns, a log
            residentsFiledAnAppeal(kiosk.data);
            Files.writeString(kiosk.logs.resolve("kiosk.log"),
                    "2026-11-23 09:00:01.000 INFO  [sync] o.j.k.sync.SyncRunner - connected to the central platform\n");

            // 4. diagnose: one archive, database intact, no secret and no personal data in it
            Cli.Run diagnose = kiosk.diagnose(support);
            assertEquals(ProvisionMain.EXIT_OK, diagnose.exit(), diagnose.all());
            Path zip = KioskRoot.archive(support);
            assertTrue(zip.getFileName().toString().startsWith("jinban-diagnose-" + KIOSK_ID + "-"), zip.toString());
            assertTrue(diagnose.out().contains(zip.toAbsolutePath().toString()), diagnose.out());
            assertTrue(diagnose.out().contains("Problems found: none"), diagnose.out());
            Map<String, byte[]> entries = KioskRoot.entries(zip);
            assertTrue(KioskRoot.text(entries.get("database.txt")).contains("integrity_check: ok"),
                    KioskRoot.text(entries.get("database.txt")));
            assertTrue(KioskRoot.text(entries.get("config/enrollment.yaml")).contains(KIOSK_ID));
            assertTrue(KioskRoot.text(entries.get("logs/kiosk.log")).contains("connected to the central platform"));
            List<byte[]> secrets = List.of(bytes(credential), bytes(dataSecret), identityKey,
                    bytes(Base64.getEncoder().encodeToString(identityKey)), bytes(PERSONAL_MARKER));
            entries.forEach((name, content) -> secrets.forEach(secret ->
                    assertFalse(KioskRoot.contains(content, secret), name + " holds a secret or personal data")));

            // 5. factory reset, confirmed with the kiosk id; --logs as for a kiosk leaving the station
            Cli.Run reset = kiosk.factoryReset(KIOSK_ID + "\n", "--logs");
            assertEquals(ProvisionMain.EXIT_OK, reset.exit(), reset.all());
            assertTrue(reset.out().contains("Factory reset of this kiosk (" + KIOSK_ID + ")"), reset.out());
            assertTrue(reset.out().contains("Type the kiosk id, " + KIOSK_ID + ","), reset.out());
            assertTrue(reset.out().contains("Wiped. The kiosk is ready to be enrolled again"), reset.out());
            assertEquals(List.of("etc/jinban/kiosk.yaml"), kiosk.files(),
                    "only the technician's file is left on the machine");
            assertFalse(Files.readString(kiosk.config).contains(credential));
            assertTrue(Files.isDirectory(kiosk.data), "the data directory itself stays, with its owner");

            // 6. the hub's operator revokes the kiosk id, issues a new code for it, and the same
            //    machine enrolls again under it, with a new key pair, credential and data secret
            assertTrue(reset.out().contains("hub kiosks revoke " + KIOSK_ID), reset.out());
            assertThrows(AssertionError.class, () -> hub.code(KIOSK_ID), "no code for an active kiosk id");
            // it had filed appeals today that the centre holds: its numbering must go on past them
            String lastHeld = new TrackingNumbers("370783001001", "01").format("261123", 42);
            hub.store().receive(KIOSK_ID, List.of(filed(new TrackingNumbers("370783001001", "01")
                    .format("261123", 41)), filed(lastHeld)));
            assertTrue(hub.store().revoke(KIOSK_ID));
            Cli.Run again = kiosk.enroll(hub, hub.code(KIOSK_ID));
            assertEquals(ProvisionMain.EXIT_OK, again.exit(), again.all());
            assertTrue(again.out().contains("  kiosk id:    " + KIOSK_ID), again.out());
            assertTrue(again.out().contains("a new data secret"), again.out());
            assertFalse(dataSecret.equals(Files.readString(kiosk.etc.resolve("secret/kiosk.key")).strip()));
            String newCredential = Files.readString(kiosk.etc.resolve("secret/credential")).strip();
            assertFalse(newCredential.equals(credential));
            assertFalse(hub.store().authenticate(KIOSK_ID, credential), "the former credential stays refused");
            assertEquals(1, hub.kiosks().size(), hub.kiosks().toString());
            assertFalse(hub.kiosks().get(0).get("revoked").asBoolean(), hub.kiosks().toString());
            assertTrue(Files.readString(kiosk.etc.resolve("enrollment.yaml"))
                    .contains("last-tracking-no: \"" + lastHeld + "\""), "the kiosk learns its last number");
            Cli.Run recheck = kiosk.configCheck();
            assertEquals(ProvisionMain.EXIT_OK, recheck.exit(), recheck.all());
            Cli.Run hubAgain = kiosk.selftest("--only", "hub");
            assertEquals(ProvisionMain.EXIT_OK, hubAgain.exit(), hubAgain.all());
            assertTrue(row(hubAgain.out(), "hub").group(2).contains("welcome as " + KIOSK_ID), hubAgain.out());
        }
    }

    /** What the kiosk service leaves after a day: its database, migrated by the kiosk's own code, with an appeal. */
    private static void residentsFiledAnAppeal(Path data) throws Exception {
        try (Database db = Database.open(data); Connection c = db.connection();
             PreparedStatement appeal = c.prepareStatement("INSERT INTO appeal (id, tracking_no, verifier_hash,"
                     + " verifier_enc, category_code, name_enc, phone_enc, id_hmac, grid_code, status, filed_at, due_at,"
                     + " receipt_state, lang) VALUES ('a1', 'JB0001', 'vh', ?, 'C01', ?, ?, ?, '370783001001', 'SUBMITTED',"
                     + " '2026-11-23T09:00:00Z', '2026-11-30T09:00:00Z', 'PRINTED', 'zh-CN')")) {
            appeal.setBytes(1, bytes(PERSONAL_MARKER));
            appeal.setBytes(2, bytes(PERSONAL_MARKER));
            appeal.setBytes(3, bytes(PERSONAL_MARKER));
            appeal.setString(4, PERSONAL_MARKER);
            assertEquals(1, appeal.executeUpdate());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The step's row of the self-test's final table: outcome, detail. */
    private static Matcher row(String out, String step) {
        String table = out.substring(Math.max(0, out.lastIndexOf("Step ")));
        Matcher m = Pattern.compile("(?m)^" + step + "\\s+(PASS|FAIL|SKIPPED)\\s+(.*)$").matcher(table);
        assertTrue(m.find(), "no row for " + step + " in\n" + out);
        return m;
    }

    static {
        // the simulated operator draws the receipt's picture off screen
        System.setProperty("java.awt.headless", "true");
    }

    /** An appeal.filed as a kiosk pushes it, for the hub to hold. */
    private static Push.Record filed(String trackingNo) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        String id = UUID.randomUUID().toString();
        payload.put("id", id).put("trackingNo", trackingNo).put("category", "SAFETY-FIRE-EXIT")
                .put("gridCode", "370783001001").put("filedAt", "2026-11-23T02:00:00Z")
                .put("dueAt", "2026-11-30T02:00:00Z").put("verifierHash", "v").put("identified", false)
                .put("lang", "zh-CN");
        return new Push.Record(UUID.randomUUID(), "appeal.filed", id, Instant.parse("2026-11-23T02:00:00Z"),
                payload, JsonNodeFactory.instance.objectNode());
    }
}
