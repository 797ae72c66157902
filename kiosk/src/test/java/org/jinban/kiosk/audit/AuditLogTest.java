package org.jinban.kiosk.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jinban.kiosk.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final Instant NOW = Instant.parse("2025-03-01T08:30:00Z");

    @TempDir
    Path dir;
    private Database db;
    private final AuditLog log = new AuditLog(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void open() {
        db = Database.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theFirstRecordLinksToGenesisAndEachNextToTheOneBefore() throws Exception {
        List<AuditRecord> records = appendFive();
        AuditRecord first = records.get(0);
        assertEquals(1, first.seq());
        assertEquals(AuditLog.GENESIS, first.prevHash());
        assertEquals("0".repeat(64), first.prevHash());
        assertEquals(NOW.toString(), first.at());
        for (int i = 1; i < records.size(); i++) {
            assertEquals(i + 1, records.get(i).seq());
            assertEquals(records.get(i - 1).hash(), records.get(i).prevHash());
        }
        assertTrue(first.hash().matches("[0-9a-f]{64}"));
        try (Connection c = db.connection()) {
            assertEquals(records.get(4), log.head(c).orElseThrow(), "the stored row is the record returned");
        }
    }

    @Test
    void theHashIsSha256OverLengthPrefixedFieldsAsDocumented() throws Exception {
        AuditRecord r = append("staff:S001", "appeal.proxy-filed", "2503010001", "{\"consent\":true}");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String f : new String[] {AuditLog.GENESIS, "1", NOW.toString(), "staff:S001", "appeal.proxy-filed",
                "2503010001", "{\"consent\":true}"}) {
            byte[] b = f.getBytes(StandardCharsets.UTF_8);
            expected.write(ByteBuffer.allocate(4).putInt(b.length).array());
            expected.write(b);
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));
        assertEquals(sha, r.hash());
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        String at = NOW.toString();
        String a = AuditLog.hash(AuditLog.GENESIS, 1, at, "staff:S1", "2x", null, "{}");
        assertNotEquals(a, AuditLog.hash(AuditLog.GENESIS, 1, at, "staff:S12", "x", null, "{}"));
        assertNotEquals(AuditLog.hash(AuditLog.GENESIS, 1, at, "k", "a", "", "{}"),
                AuditLog.hash(AuditLog.GENESIS, 1, at, "k", "a", null, "{}"), "an empty subject is not a missing one");
        assertNotEquals(AuditLog.hash(AuditLog.GENESIS, 12, at, "k", "a", null, "{}"),
                AuditLog.hash(AuditLog.GENESIS, 1, "2" + at, "k", "a", null, "{}"));
        assertEquals(a, AuditLog.hash(AuditLog.GENESIS, 1, at, "staff:S1", "2x", null, "{}"));
    }

    @Test
    void anEmptyLogIsIntactWithNoHead() throws Exception {
        try (Connection c = db.connection()) {
            assertEquals(new Verification(true, 0, OptionalLong.empty()), log.verify(c));
            assertTrue(log.head(c).isEmpty());
        }
    }

    @Test
    void anUntouchedLogIsIntact() throws Exception {
        appendFive();
        try (Connection c = db.connection()) {
            assertEquals(new Verification(true, 5, OptionalLong.empty()), log.verify(c));
        }
    }

    @Test
    void anEditedDetailIsFoundAtItsRecord() throws Exception {
        appendFive();
        tamper("UPDATE audit_log SET detail = '{\"consent\":false}' WHERE seq = 3");
        assertEquals(new Verification(false, 5, OptionalLong.of(3)), verify());
    }

    @Test
    void anEditedRecordWithARecomputedHashBreaksTheNextLink() throws Exception {
        List<AuditRecord> records = appendFive();
        AuditRecord r = records.get(2);
        String forged = AuditLog.hash(r.prevHash(), r.seq(), r.at(), "staff:S002", r.action(), r.subject(), r.detail());
        tamper("UPDATE audit_log SET actor = 'staff:S002', hash = '" + forged + "' WHERE seq = 3");
        assertEquals(new Verification(false, 5, OptionalLong.of(4)), verify());
    }

    @Test
    void aDeletedMiddleRecordIsFoundAtTheNextOne() throws Exception {
        appendFive();
        tamper("DELETE FROM audit_log WHERE seq = 3");
        assertEquals(new Verification(false, 4, OptionalLong.of(4)), verify());
    }

    @Test
    void aDeletedFirstRecordIsFound() throws Exception {
        appendFive();
        tamper("DELETE FROM audit_log WHERE seq = 1");
        assertEquals(new Verification(false, 4, OptionalLong.of(2)), verify());
    }

    @Test
    void aRenumberedRecordIsFound() throws Exception {
        appendFive();
        tamper("UPDATE audit_log SET seq = 7 WHERE seq = 5");
        assertEquals(new Verification(false, 5, OptionalLong.of(7)), verify());
    }

    @Test
    void aTruncatedTailLeavesAnIntactChainButAnotherHead() throws Exception {
        List<AuditRecord> records = appendFive();
        AuditRecord sentUpstream = records.get(4); // what the central platform already holds
        tamper("DELETE FROM audit_log WHERE seq >= 4");
        try (Connection c = db.connection()) {
            assertEquals(new Verification(true, 3, OptionalLong.empty()), log.verify(c),
                    "the chain alone cannot see a cut tail");
            AuditRecord head = log.head(c).orElseThrow();
            assertEquals(3, head.seq());
            assertNotEquals(sentUpstream.hash(), head.hash(), "the head the central platform compares with shows it");
        }
    }

    @Test
    void theTriggersRefuseUpdateAndDelete() throws Exception {
        appendFive();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE audit_log SET detail = '{}' WHERE seq = 2"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM audit_log"));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
        assertEquals(new Verification(true, 5, OptionalLong.empty()), verify());
    }

    @Test
    void aRolledBackTransactionLeavesNoRecord() throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            log.append(c, "kiosk", "test.rolled-back", null, "{}");
            c.rollback();
            c.setAutoCommit(true);
            assertTrue(log.head(c).isEmpty());
        }
        AuditRecord next = append("kiosk", "test.committed", null, "{}");
        assertEquals(1, next.seq(), "the rolled-back seq is taken again");
    }

    @Test
    void appendingOutsideATransactionIsRefused() throws Exception {
        try (Connection c = db.connection()) {
            assertThrows(IllegalStateException.class, () -> log.append(c, "kiosk", "a", null, "{}"));
            assertTrue(log.head(c).isEmpty());
        }
    }

    @Test
    void anActorAnActionAndADetailAreRequired() throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            assertThrows(IllegalArgumentException.class, () -> log.append(c, " ", "a", null, "{}"));
            assertThrows(IllegalArgumentException.class, () -> log.append(c, "kiosk", null, null, "{}"));
            assertThrows(NullPointerException.class, () -> log.append(c, "kiosk", "a", null, null));
            c.rollback();
        }
    }

    @Test
    void theTimeComesFromTheClock() throws Exception {
        Instant later = NOW.plusSeconds(3600);
        AuditLog atLater = new AuditLog(Clock.fixed(later, ZoneOffset.UTC));
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            assertEquals(later.toString(), atLater.append(c, "kiosk", "a", null, "{}").at());
            c.commit();
        }
    }

    @Test
    void appendsFromManyConnectionsFormOneChain() throws Exception {
        int threads = 4;
        int each = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        append("staff:S00" + n, "test.concurrent", null, "{\"i\":" + i + "}");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(new Verification(true, threads * each, OptionalLong.empty()), verify());
    }

    @Test
    void aVerificationIsIntactExactlyWhenNothingIsBroken() {
        assertThrows(IllegalArgumentException.class, () -> new Verification(true, 3, OptionalLong.of(2)));
        assertThrows(IllegalArgumentException.class, () -> new Verification(false, 3, OptionalLong.empty()));
        assertFalse(Verification.broken(3, 2).intact());
    }

    private List<AuditRecord> appendFive() throws SQLException {
        List<AuditRecord> records = new ArrayList<>();
        records.add(append("staff:S001", "staff.login", "S001", "{}"));
        records.add(append("staff:S001", "appeal.proxy-filed", "2503010001", "{\"consent\":true}"));
        records.add(append("staff:S001", "receipt.reprinted", "2503010001", "{}"));
        records.add(append("central", "config.applied", null, "{\"version\":4}"));
        records.add(append("staff:S001", "staff.logout", "S001", "{}"));
        return records;
    }

    private AuditRecord append(String actor, String action, String subject, String detail) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                AuditRecord r = log.append(c, actor, action, subject, detail);
                c.commit();
                return r;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private Verification verify() throws SQLException {
        try (Connection c = db.connection()) {
            return log.verify(c);
        }
    }

    /** Edits the log the way someone with the database file could: triggers dropped first. */
    private void tamper(String sql) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("DROP TRIGGER audit_log_no_update");
            st.executeUpdate("DROP TRIGGER audit_log_no_delete");
            st.executeUpdate(sql);
        }
    }
}
