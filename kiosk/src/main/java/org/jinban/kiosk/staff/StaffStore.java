package org.jinban.kiosk.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jinban.kiosk.privacy.PersonalDataCipher;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.store.StoreException;

/**
 * All SQL of the staff roster: badges, their PIN hashes and the count of wrong PINs that locks
 * a badge. Names are stored encrypted, bound to their row ({@code staff/<id>/name}), and so are
 * the PIN hashes ({@code staff/<id>/pin}, base64 in {@code pin_hash}): a six-digit PIN falls to
 * an offline guess against its salted hash in minutes, so a copied database must not give the
 * hash away without the kiosk's secret as well.
 */
public final class StaffStore {
    private final Database db;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    public StaffStore(Database db, PersonalDataCipher cipher, Clock clock) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Optional<StoredStaff> find(String id) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT name_enc, pin_hash, active, failed_logins, locked_until FROM staff WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String locked = rs.getString(5);
                return Optional.of(new StoredStaff(id, cipher.decrypt(rs.getBytes(1), nameContext(id)),
                        openPin(id, rs.getString(2)), rs.getInt(3) != 0, rs.getInt(4), locked == null ? null : Instant.parse(locked)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read staff member " + id, e);
        }
    }

    /**
     * Adds a staff member or replaces their name, PIN hash and active flag. The count of wrong
     * PINs and a lock stay as they are: a roster update does not unlock a badge.
     */
    public void upsert(String id, String name, String pinHash, boolean active) {
        try (Connection c = db.connection()) {
            upsert(c, new RosterMember(id, name, pinHash, active));
        } catch (SQLException e) {
            throw new StoreException("cannot save staff member " + id, e);
        }
    }

    private void upsert(Connection c, RosterMember m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff (id, name_enc, pin_hash, active)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                + " name_enc = excluded.name_enc, pin_hash = excluded.pin_hash, active = excluded.active")) {
            ps.setString(1, m.id());
            ps.setBytes(2, cipher.encrypt(m.name(), nameContext(m.id())));
            ps.setString(3, Base64.getEncoder().encodeToString(cipher.encrypt(m.pinHash(), pinContext(m.id()))));
            ps.setInt(4, m.active() ? 1 : 0);
            ps.executeUpdate();
        }
    }

    /**
     * A member of a roster that replaces this kiosk's; the name is a person's, never logged.
     *
     * @param pinHash {@link PinHasher}'s stored form
     */
    public record RosterMember(String id, String name, String pinHash, boolean active) {
        public RosterMember {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("a staff member needs an id");
            }
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(pinHash, "pinHash");
        }

        @Override
        public String toString() {
            return "RosterMember[id=" + id + ", active=" + active + "]";
        }
    }

    /**
     * Makes {@code roster} the whole staff roster, inside the caller's transaction: members it
     * does not name are deleted (their sealed names with them), the others are added or get the
     * roster's name, PIN hash and active flag. A member who stays keeps their count of wrong PINs
     * and their lock: a roster update does not unlock a badge. Marks the roster as the central
     * platform's, so the demo badges are never seeded again.
     *
     * @return how many members were deleted
     */
    public int replaceRoster(Connection c, List<RosterMember> roster, long seq) throws SQLException {
        Set<String> keep = new HashSet<>();
        roster.forEach(m -> keep.add(m.id()));
        List<String> gone = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM staff")) {
            while (rs.next()) {
                if (!keep.contains(rs.getString(1))) {
                    gone.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff WHERE id = ?")) {
            for (String id : gone) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        }
        for (RosterMember m : roster) {
            upsert(c, m);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO central_roster (id, seq, applied_at)"
                + " VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, applied_at = excluded.applied_at")) {
            ps.setLong(1, seq);
            ps.setString(2, clock.instant().toString());
            ps.executeUpdate();
        }
        return gone.size();
    }

    /** Whether the central platform's roster has ever been applied here. */
    public boolean centralRosterApplied() {
        return db.read("read whether the roster is the centre's", c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM central_roster)")) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /**
     * Counts one more wrong PIN. The {@link StaffAuthenticator#MAX_FAILURES}th locks the badge
     * for {@link StaffAuthenticator#LOCK} and starts the count again.
     *
     * @return the wrong PINs counted, this one included ({@code MAX_FAILURES}: now locked);
     *         0 if there is no such staff member
     */
    public int recordFailure(String id) {
        // one transaction, which takes the write lock as it begins: two wrong PINs at once both count
        return db.inTransaction("count a failed login of staff member " + id, c -> {
            int failures;
            try (PreparedStatement ps = c.prepareStatement("SELECT failed_logins FROM staff WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return 0;
                    }
                    failures = rs.getInt(1) + 1;
                }
            }
            boolean lock = failures >= StaffAuthenticator.MAX_FAILURES;
            try (PreparedStatement ps = c.prepareStatement(lock
                    ? "UPDATE staff SET failed_logins = 0, locked_until = ? WHERE id = ?"
                    : "UPDATE staff SET failed_logins = ? WHERE id = ?")) {
                if (lock) {
                    ps.setString(1, clock.instant().plus(StaffAuthenticator.LOCK).toString());
                } else {
                    ps.setInt(1, failures);
                }
                ps.setString(2, id);
                ps.executeUpdate();
            }
            return failures;
        });
    }

    /** A right PIN: the count of wrong ones and any lock are gone. */
    public void recordSuccess(String id) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the login of staff member " + id, e);
        }
    }

    public boolean isEmpty() {
        try (Connection c = db.connection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM staff)")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read the staff roster", e);
        }
    }

    static String nameContext(String id) {
        return "staff/" + id + "/name";
    }

    private String openPin(String id, String stored) {
        try {
            return cipher.decrypt(Base64.getDecoder().decode(stored), pinContext(id));
        } catch (IllegalArgumentException e) {
            throw new StoreException("the PIN hash of staff member " + id + " is not sealed by this kiosk", e);
        }
    }

    private static String pinContext(String id) {
        return "staff/" + id + "/pin";
    }
}
