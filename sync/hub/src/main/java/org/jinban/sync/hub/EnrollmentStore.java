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

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SQL of one-time enrollment codes: issue one for a kiosk-to-be, and redeem it, which
 * makes the kiosk with a fresh credential (the same {@code kiosk} table and {@link Credentials}
 * as the admin API's enrollment). A redemption is one transaction taken with the write lock
 * ({@link HubDatabase} begins IMMEDIATE), so of two racing redemptions of a code exactly one
 * enrolls and the other finds it used.
 *
 * <p>A revoked kiosk id can be enrolled again (a kiosk after a factory reset keeps its station's
 * id): its code, once redeemed, gives the row a new credential and key and clears the revocation,
 * so the old credential and key stay refused; and the kiosk's downstream streams start over
 * ({@link StreamStore#restart}), as the re-enrolled kiosk holds nothing. An active kiosk id
 * gets no code until it is revoked.
 */
final class EnrollmentStore implements AutoCloseable {
    private final HubDatabase db;
    private final Clock clock;

    private final StreamStore streams;

    private EnrollmentStore(HubDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.streams = new StreamStore(db, new ObjectMapper(), clock);
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
        /**
         * @param lastTrackingNo the tracking number of the appeal last received from this kiosk id
         *                       (one enrolled again after a factory reset), or null: its numbering
         *                       must go on past it, or today's first appeals would repeat numbers
         *                       the centre already holds
         */
        record Enrolled(Station station, String credential, String lastTrackingNo) implements Redemption {
        }

        record Failed(Reason reason) implements Redemption {
        }
    }

    enum Reason { UNKNOWN, USED, EXPIRED, KIOSK_EXISTS }

    /**
     * Issues a code for {@code station}'s kiosk, replacing any unused code issued for it before.
     * A revoked kiosk's id may be given: the code enrolls it again.
     *
     * @return null if that kiosk is enrolled and not revoked
     */
    IssuedCode issue(Station station, Duration ttl) {
        String code = EnrollmentCodes.newCode();
        String hash = EnrollmentCodes.hash(EnrollmentCodes.normalise(code).orElseThrow());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        return db.inTransaction("issue an enrollment code", c -> {
            if (kioskState(c, station.kioskId()) == KioskState.ACTIVE) {
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
            switch (kioskState(c, station.kioskId())) {
                case ACTIVE -> {
                    return new Redemption.Failed(Reason.KIOSK_EXISTS);
                }
                case REVOKED -> enrollAgain(c, station.kioskId(), credential, publicKey, now);
                case NONE -> {
                    try (PreparedStatement st = c.prepareStatement(
                            "INSERT INTO kiosk (id, credential_hash, enrolled_at, public_key) VALUES (?, ?, ?, ?)")) {
                        st.setString(1, station.kioskId());
                        st.setString(2, Credentials.hash(credential));
                        st.setString(3, now.toString());
                        st.setString(4, publicKey);
                        st.executeUpdate();
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE enrollment_code SET used_at = ? WHERE code_hash = ? AND used_at IS NULL")) {
                st.setString(1, now.toString());
                st.setString(2, hash);
                if (st.executeUpdate() != 1) {
                    throw new SQLException("the enrollment code changed during its redemption");
                }
            }
            return new Redemption.Enrolled(station, credential, lastTrackingNo(c, station.kioskId()));
        });
    }

    /** Appeals arrive in the order they were filed (docs/sync-protocol.md), so the last received is the last filed. */
    private static String lastTrackingNo(Connection c, String kioskId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT tracking_no FROM appeal WHERE kiosk_id = ? ORDER BY received_at DESC, rowid DESC LIMIT 1")) {
            st.setString(1, kioskId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private enum KioskState { NONE, ACTIVE, REVOKED }

    private static KioskState kioskState(Connection c, String kioskId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT revoked_at FROM kiosk WHERE id = ?")) {
            st.setString(1, kioskId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return KioskState.NONE;
                }
                return rs.getString(1) == null ? KioskState.ACTIVE : KioskState.REVOKED;
            }
        }
    }

    /**
     * A revoked kiosk enrolled again: a new credential and key replace the old ones (which stay
     * refused), the revocation and the former kiosk's contact figures are cleared, and its
     * streams start over from seq 1.
     */
    private void enrollAgain(Connection c, String kioskId, String credential, String publicKey, Instant now)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE kiosk SET credential_hash = ?, enrolled_at = ?,"
                + " public_key = ?, revoked_at = NULL, last_contact_at = NULL, queue = NULL,"
                + " oldest_unsent_seconds = NULL WHERE id = ? AND revoked_at IS NOT NULL")) {
            st.setString(1, Credentials.hash(credential));
            st.setString(2, now.toString());
            st.setString(3, publicKey);
            st.setString(4, kioskId);
            if (st.executeUpdate() != 1) {
                throw new SQLException("kiosk " + kioskId + " changed during its enrollment");
            }
        }
        streams.restart(c, kioskId);
    }

    @Override
    public void close() {
        db.close();
    }
}
