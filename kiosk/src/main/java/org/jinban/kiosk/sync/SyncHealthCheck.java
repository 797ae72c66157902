package org.jinban.kiosk.sync;

import java.util.Optional;
import java.util.function.Supplier;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import org.jinban.sync.client.SyncStatus;

/**
 * The sync with the central platform: connected or not, last contact, what waits to be sent and
 * since when, the last error. It stays UP while offline: the kiosk works offline by design and
 * keeps everything until the platform has it; staff and technicians read the figures.
 */
public final class SyncHealthCheck implements HealthCheck {
    private final Supplier<Optional<SyncStatus>> status;

    public SyncHealthCheck(Supplier<Optional<SyncStatus>> status) {
        this.status = status;
    }

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(true);
        Optional<SyncStatus> now = status.get();
        if (now.isEmpty()) {
            return response.detail("configured", false).build();
        }
        SyncStatus s = now.get();
        response.detail("configured", true)
                .detail("connected", s.connected())
                .detail("queue", s.queueLength())
                .detail("oldestUnsentSeconds", s.oldestUnsentAge() == null ? 0 : s.oldestUnsentAge().toSeconds());
        s.lastContactAt().ifPresent(at -> response.detail("lastContact", at.toString()));
        s.error().ifPresent(e -> response.detail("lastError", e));
        return response.build();
    }
}
