package org.jinban.kiosk.identity;

/**
 * Who placed their ID card, as much as the kiosk keeps of it: the name (to be encrypted when
 * an appeal is saved), the ID number's keyed hash for lookup, and the masked forms the screen
 * shows. The ID number itself is hashed as the card is read and never kept.
 */
public record CardHolder(String name, String idHmac, String maskedName, String maskedIdNumber) {
    @Override
    public String toString() {
        return "CardHolder[" + maskedName + "]";
    }
}
