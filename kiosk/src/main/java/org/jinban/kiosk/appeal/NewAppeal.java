package org.jinban.kiosk.appeal;

import org.jinban.kiosk.identity.CardHolder;

/**
 * An appeal that passed every check and is about to be saved.
 *
 * @param id           the page's UUID for this filing: the same one twice files once
 * @param phone        normalised contact phone, or null
 * @param holder       whose ID card identified the resident, or null for an anonymous appeal
 * @param place        where, if not the station's grid; or null
 * @param proxyStaffId the staff member filing on the resident's behalf (帮办代办), or null
 */
public record NewAppeal(String id, MatterType matter, String description, String phone, CardHolder holder,
                        String place, String lang, String proxyStaffId) {
    @Override
    public String toString() {
        return "NewAppeal[" + id + ", " + matter.code() + (proxyStaffId == null ? "" : ", proxy") + "]";
    }
}
