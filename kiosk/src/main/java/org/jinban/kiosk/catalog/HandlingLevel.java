package org.jinban.kiosk.catalog;

/** Where an item is decided: "小事不出村、大事不出镇、难事不出区". */
public enum HandlingLevel {
    COMMUNITY(new LocalizedText("村（社区）", "Village / community")),
    STREET(new LocalizedText("乡镇（街道）", "Township / subdistrict")),
    DISTRICT(new LocalizedText("县（区）", "County / district")),
    CITY(new LocalizedText("市", "City"));

    private final LocalizedText label;

    HandlingLevel(LocalizedText label) {
        this.label = label;
    }

    public LocalizedText label() {
        return label;
    }
}
