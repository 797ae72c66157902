package org.jinban.kiosk.appeal;

/**
 * The JSON body of {@code POST /appeals} (and of a staff member's proxy filing), as sent: every
 * field may be missing or wrong until {@link AppealValidator} has looked at it.
 */
public record AppealRequest(String id, String category, String description, String phone, String cardToken,
                            String place, Boolean consent, Boolean residentConsent, String lang) {
    @Override
    public String toString() {
        return "AppealRequest[" + id + ", " + category + "]";
    }
}
