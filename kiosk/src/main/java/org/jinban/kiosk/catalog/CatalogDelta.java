package org.jinban.kiosk.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A catalog version given as the changes from the version before it (docs/sync-protocol.md,
 * {@code catalog.delta}): items added or changed, whole, and the codes of items removed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogDelta(Long version, Long previousVersion, String issuedAt, List<ServiceItem> upserts,
                           List<String> removes) {
    public CatalogDelta {
        upserts = upserts == null ? List.of() : upserts;
        removes = removes == null ? List.of() : removes;
    }
}
