package org.jinban.kiosk.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

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
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a staff member needs an id");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pinHash, "pinHash");
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO staff (id, name_enc, pin_hash, active)"
                     + " VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                     + " name_enc = excluded.name_enc, pin_hash = excluded.pin_hash, active = excluded.active")) {
            ps.setString(1, id);
            ps.setBytes(2, cipher.encrypt(name, nameContext(id)));
            ps.setString(3, Base64.getEncoder().encodeToString(cipher.encrypt(pinHash, pinContext(id))));
            ps.setInt(4, active ? 1 : 0);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot save staff member " + id, e);
        }
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
