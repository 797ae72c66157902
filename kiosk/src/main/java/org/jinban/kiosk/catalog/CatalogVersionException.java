package org.jinban.kiosk.catalog;

/**
 * A catalog change that does not follow from the version held: a delta against another version,
 * or one that removes an item the kiosk does not hold. Nothing was changed.
 */
public final class CatalogVersionException extends RuntimeException {
    public CatalogVersionException(String message) {
        super(message);
    }
}
