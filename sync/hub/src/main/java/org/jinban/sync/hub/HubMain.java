package org.jinban.sync.hub;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Runs the reference hub: {@code HubMain [--port 8090] [--data ./hub-data]
 * [--heartbeat-seconds 15] [--max-batch 100]}. Only wires.
 */
public final class HubMain {
    private HubMain() {
    }

    public static void main(String[] args) {
        int port = 8090;
        Path data = Path.of("hub-data");
        int heartbeat = HubConfig.DEFAULT_HEARTBEAT_SECONDS;
        int maxBatch = HubConfig.DEFAULT_MAX_BATCH;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--data" -> data = Path.of(required(args[i], value));
                case "--heartbeat-seconds" -> heartbeat = Integer.parseInt(required(args[i], value));
                case "--max-batch" -> maxBatch = Integer.parseInt(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --port, --data, --heartbeat-seconds, --max-batch");
            }
            i++;
        }
        HubConfig config = new HubConfig(port, data, heartbeat, maxBatch);
        HubStore store = HubStore.open(data, Clock.systemUTC());
        HubServer server;
        try {
            server = HubServer.start(config, store);
        } catch (RuntimeException e) {
            store.close(); // the pool's threads would otherwise keep a failed start alive
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
        }, "hub-shutdown"));
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
