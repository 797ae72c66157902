package org.jinban.sync.hub;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The SQL of one-time enrollment codes: issue one for a kiosk-to-be, and redeem it, which
 * makes the kiosk with a fresh credential (the same {@code kiosk} table and {@link Credentials}
 * as the admin API's enrollment). A redemption is one transaction taken with the write lock
 * ({@link HubDatabase} begins IMMEDIATE), so of two racing redemptions of a code exactly one
 * enrolls and the other finds it used.
 */
final class EnrollmentStore implements AutoCloseable {
    private final HubDatabase db;
    private final Clock clock;

    private EnrollmentStore(HubDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    static EnrollmentStore open(Path dataDir, Clock clock) {
        return new EnrollmentStore(HubDatabase.open(dataDir), clock);
    }

    /** What a code enrolls the kiosk as. */
    record Station(String kioskId, String stationName, String address, String gridCode) {
    }

    record IssuedCode(String code, String kioskId, Instant expiresAt) {
    }

    /** The outcome of redeeming a code. */
    sealed interface Redemption {
        record Enrolled(Station station, String credential) implements Redemption {
        }

        record Failed(Reason reason) implements Redemption {
        }
    }

    enum Reason { UNKNOWN, USED, EXPIRED, KIOSK_EXISTS }

    /**
     * Issues a code for {@code station}'s kiosk, replacing any unused code issued for it before.
     *
     * @return null if that kiosk is enrolled already
     */
    IssuedCode issue(Station station, Duration ttl) {
        String code = EnrollmentCodes.newCode();
        String hash = EnrollmentCodes.hash(EnrollmentCodes.normalise(code).orElseThrow());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        return db.inTransaction("issue an enrollment code", c -> {
            if (kioskExists(c, station.kioskId())) {
                return null;
            }
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM enrollment_code WHERE kiosk_id = ? AND used_at IS NULL")) {
                st.setString(1, station.kioskId());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO enrollment_code (code_hash, kiosk_id,"
                    + " station_name, address, grid_code, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, hash);
                st.setString(2, station.kioskId());
                st.setString(3, station.stationName());
                st.setString(4, station.address());
                st.setString(5, station.gridCode());
                st.setString(6, now.toString());
                st.setString(7, expiresAt.toString());
                st.executeUpdate();
            }
            return new IssuedCode(code, station.kioskId(), expiresAt);
        });
    }

    /** Redeems a typed code without a kiosk key (the first form of the call). */
    Redemption redeem(String typed) {
        return redeem(typed, null);
    }

    /**
     * Redeems a typed code: enrolls its kiosk, bound to {@code publicKey} (base64 X.509 Ed25519,
     * checked by the caller; null: none), and marks the code used; or says why not.
     */
    Redemption redeem(String typed, String publicKey) {
        String normalised = EnrollmentCodes.normalise(typed).orElse(null);
        if (normalised == null) {
            return new Redemption.Failed(Reason.UNKNOWN);
        }
        String hash = EnrollmentCodes.hash(normalised);
        String credential = Credentials.newCredential();
        Instant now = clock.instant();
        return db.inTransaction("redeem an enrollment code", c -> {
            Station station;
            Instant expiresAt;
            boolean used;
            try (PreparedStatement st = c.prepareStatement("SELECT kiosk_id, station_name, address, grid_code,"
                    + " expires_at, used_at FROM enrollment_code WHERE code_hash = ?")) {
                st.setString(1, hash);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return new Redemption.Failed(Reason.UNKNOWN);
                    }
                    station = new Station(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                    expiresAt = Instant.parse(rs.getString(5));
                    used = rs.getString(6) != null;
                }
            }
            if (used) {
                return new Redemption.Failed(Reason.USED);
            }
            if (!now.isBefore(expiresAt)) {
                return new Redemption.Failed(Reason.EXPIRED);
            }
            if (kioskExists(c, station.kioskId())) {
                return new Redemption.Failed(Reason.KIOSK_EXISTS);
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO kiosk (id, credential_hash, enrolled_at, public_key) VALUES (?, ?, ?, ?)")) {
                st.setString(1, station.kioskId());
                st.setString(2, Credentials.hash(credential));
                st.setString(3, now.toString());
                st.setString(4, publicKey);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE enrollment_code SET used_at = ? WHERE code_hash = ? AND used_at IS NULL")) {
                st.setString(1, now.toString());
                st.setString(2, hash);
                if (st.executeUpdate() != 1) {
                    throw new SQLException("the enrollment code changed during its redemption");
                }
            }
            return new Redemption.Enrolled(station, credential);
        });
    }

    private static boolean kioskExists(Connection c, String kioskId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM kiosk WHERE id = ?")) {
            st.setString(1, kioskId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
