package org.jinban.kiosk.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A whole catalog version as delivered in a catalog file (docs/catalog-format.md). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogDocument(String format,
                              Integer formatVersion,
                              Long version,
                              String issuedAt,
                              LocalizedText publisher,
                              List<Department> departments,
                              List<LifeEvent> lifeEvents,
                              List<List<String>> synonyms,
                              List<ServiceItem> items) {

    public static final String FORMAT = "jinban-catalog";
    public static final int FORMAT_VERSION = 1;

    /** The authority that handles items (承办部门; CPSV-AP competent authority). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Department(String code, LocalizedText name) {
    }

    /** A life event that groups items (CPSV-AP LifeEvent). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LifeEvent(String code, LocalizedText name) {
    }
}
