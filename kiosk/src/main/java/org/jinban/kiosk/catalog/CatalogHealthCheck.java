package org.jinban.kiosk.catalog;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/** Ready when a catalog version with items is loaded: without it the kiosk has nothing to offer. */
public final class CatalogHealthCheck implements HealthCheck {
    private final CatalogStore store;

    public CatalogHealthCheck(CatalogStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            var version = store.version();
            int items = store.itemCount();
            return HealthCheckResponse.builder()
                    .status(version.isPresent() && items > 0)
                    .detail("version", version.orElse(0L))
                    .detail("items", items)
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.builder().status(false).detail("error", e.getMessage()).build();
        }
    }
}
