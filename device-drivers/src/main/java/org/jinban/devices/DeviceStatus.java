package org.jinban.devices;

import java.util.Objects;

/**
 * How a device is, as the kiosk's health report and the staff screen show it.
 *
 * @param state  ok, degraded (works, needs attention: paper near end), offline (not reachable),
 *               unknown (never said: many printers do not answer status)
 * @param reason plain words for a person, e.g. "paper end", "port /dev/ttyACM0 is gone"; empty when ok
 */
public record DeviceStatus(State state, String reason) {
    public enum State { OK, DEGRADED, OFFLINE, UNKNOWN }

    public DeviceStatus {
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }

    public static DeviceStatus ok() {
        return new DeviceStatus(State.OK, "");
    }

    public static DeviceStatus offline(String reason) {
        return new DeviceStatus(State.OFFLINE, reason);
    }
}
