package org.jinban.kiosk.appeal;

import java.time.Instant;
import java.util.List;

/**
 * An appeal as the kiosk holds it, personal fields decrypted (null once purged). In memory
 * only for the answer being built; {@link #toString()} leaves personal fields out.
 */
public record StoredAppeal(String id, String trackingNo, String verifierHash, String verifier, String categoryCode,
                           String description, String place, String name, String phone, String idHmac,
                           String gridCode, AppealStatus status, String handlingLevel, String department,
                           Instant filedAt, Instant dueAt, String proxyStaffId, ReceiptState receiptState,
                           String receiptReason, Instant acknowledgedAt, Instant purgedAt, String lang,
                           List<Event> timeline, Rating rating) {

    /** Where the printed receipt is. */
    public enum ReceiptState { PRINTING, PRINTED, OWED }

    /** One status the appeal has been in. */
    public record Event(AppealStatus status, Instant at, String handlingLevel, String department,
                        String reason, String reply) {
    }

    public record Rating(RatingLevel level, String reason, boolean followUp, Instant ratedAt) {
    }

    /** Filed in the name of an ID card's holder (until the personal data is purged). */
    public boolean identified() {
        return idHmac != null || name != null;
    }

    @Override
    public String toString() {
        return "StoredAppeal[" + trackingNo + ", " + status + "]";
    }
}
