package org.jinban.kiosk.catalog;

/** A department or life event with the number of items it holds. */
public record CatalogGroup(String code, LocalizedText name, int itemCount) {
}
