package org.jinban.sync.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the hub runs, validated once: it binds loopback only (it is the reference platform for
 * the demo and tests, and its admin API has no authentication of its own).
 *
 * @param port             0 for any free port (tests)
 * @param heartbeatSeconds the period told to kiosks in {@code welcome}; silence for three closes
 * @param maxBatch         most records per push and items per deliver
 * @param retention        how long stream items are kept, applied or not
 */
public record HubConfig(int port, Path dataDir, int heartbeatSeconds, int maxBatch, Duration retention) {
    public static final String HOST = "127.0.0.1";
    public static final int DEFAULT_HEARTBEAT_SECONDS = 15;
    /** Most records per push: ~250 appeals with their personal part fit in a 256 KiB frame. */
    public static final int DEFAULT_MAX_BATCH = 250;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    public HubConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " is not a TCP port");
        }
        if (heartbeatSeconds < 1 || heartbeatSeconds > 3_600) {
            throw new IllegalArgumentException("heartbeatSeconds: " + heartbeatSeconds + " must be 1..3600");
        }
        if (maxBatch < 1 || maxBatch > 1_000) {
            throw new IllegalArgumentException("maxBatch: " + maxBatch + " must be 1..1000");
        }
        if (retention == null || retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("retention: " + retention + " must be at least PT1M");
        }
    }

    public HubConfig(int port, Path dataDir, int heartbeatSeconds, int maxBatch) {
        this(port, dataDir, heartbeatSeconds, maxBatch, DEFAULT_RETENTION);
    }

    public static HubConfig of(int port, Path dataDir) {
        return new HubConfig(port, dataDir, DEFAULT_HEARTBEAT_SECONDS, DEFAULT_MAX_BATCH);
    }
}
