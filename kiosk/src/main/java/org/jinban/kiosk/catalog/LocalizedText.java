package org.jinban.kiosk.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A text a person reads, in Simplified Chinese and English. */
public record LocalizedText(@JsonProperty("zh-CN") String zh, @JsonProperty("en") String en) {

    /** The text in {@code lang}: {@code "en"} gives English, anything else Chinese. */
    public String in(String lang) {
        return "en".equals(lang) ? en : zh;
    }

    boolean complete() {
        return zh != null && !zh.isBlank() && en != null && !en.isBlank();
    }
}
