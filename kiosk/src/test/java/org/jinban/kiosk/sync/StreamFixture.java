package org.jinban.kiosk.sync;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jinban.kiosk.Kiosk;
import org.jinban.kiosk.appeal.AppealStore;
import org.jinban.kiosk.audit.AuditLog;
import org.jinban.kiosk.outbox.Outbox;
import org.jinban.kiosk.privacy.KioskSecret;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.testing.TestClock;

/** A kiosk database with what the downstream streams need around it, without a server. */
final class StreamFixture implements AutoCloseable {
    final TestClock clock = TestClock.shanghai("2026-11-23T02:00:00Z");
    final ObjectMapper json = Kiosk.objectMapper();
    final Database db;
    final KioskSecret secret;
    final AppealStore store;
    final SyncCursors cursors;

    StreamFixture(Path dir) {
        db = Database.open(dir.resolve("data"));
        secret = KioskSecret.loadOrCreate(dir.resolve("kiosk.key"));
        store = new AppealStore(db, secret.cipher(), new AuditLog(clock), new Outbox(), json);
        cursors = new SyncCursors(db);
    }

    /** The audit records of {@code action}, as {@code subject|detail}, oldest first. */
    List<String> audits(String action) {
        return db.read("read the audit log", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT subject, detail FROM audit_log WHERE action = ? ORDER BY seq")) {
                ps.setString(1, action);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + "|" + rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    /** Every audit record's detail and subject, to look for what must not be there. */
    String wholeAuditLog() {
        return String.join("\n", db.read("read the audit log", (Connection c) -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT action, subject, detail FROM audit_log ORDER BY seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
                }
            }
            return out;
        }));
    }

    @Override
    public void close() {
        db.close();
    }
}
