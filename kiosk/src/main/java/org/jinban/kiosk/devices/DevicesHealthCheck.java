package org.jinban.kiosk.devices;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import org.jinban.devices.DeviceStatus;

/**
 * Each device's state (ok / degraded / offline / unknown) with its reason. A device that is
 * down does not make the kiosk unready: the service list works without a printer; staff see
 * which device needs them.
 */
public final class DevicesHealthCheck implements HealthCheck {
    private final Devices devices;

    public DevicesHealthCheck(Devices devices) {
        this.devices = devices;
    }

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(true);
        for (Map.Entry<String, DeviceStatus> e : new TreeMap<>(devices.states()).entrySet()) {
            String state = e.getValue().state().name().toLowerCase(Locale.ROOT);
            response.detail(e.getKey(), e.getValue().reason().isEmpty() ? state : state + ": " + e.getValue().reason());
        }
        return response.build();
    }
}
