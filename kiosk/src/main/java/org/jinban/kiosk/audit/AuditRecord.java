package org.jinban.kiosk.audit;

/**
 * One row of the audit log. {@code subject} (a tracking number, a staff id) and {@code detail}
 * (JSON) never hold personal data, so a record can be shown and sent upstream as it is.
 *
 * @param seq      1, 2, 3, … without gaps
 * @param at       ISO-8601 instant of the append
 * @param actor    {@code staff:<id>}, {@code resident}, {@code kiosk} or {@code central}
 * @param subject  may be {@code null}
 * @param prevHash the previous record's hash; 64 zeros for the first
 * @param hash     SHA-256 hex of the fields above, see {@link AuditLog}
 */
public record AuditRecord(long seq, String at, String actor, String action, String subject, String detail,
                          String prevHash, String hash) {
}
