package org.jinban.sync.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs the reference hub: {@code HubMain [--port 8090] [--data ./hub-data]
 * [--heartbeat-seconds 15] [--max-batch 250] [--retention P30D] [--tls-keystore F --tls-password-file F]}. Only wires.
 *
 * <p>{@code HubMain admin --hub URL <command>} is the operator's CLI over a running hub's admin
 * API ({@link org.jinban.sync.hub.cli.HubCli}).
 *
 * <p>{@code HubMain --data ./hub-data --enroll K-… --credential-file F} enrolls a kiosk in the
 * hub's store without starting the server and writes its credential, owner-only, to {@code F}
 * (never to the console): what {@code ./run demo} does once, until enrollment (issue 6) exists.
 */
public final class HubMain {
    private HubMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(org.jinban.sync.hub.cli.HubCli.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        int port = 8090;
        Path data = Path.of("hub-data");
        int heartbeat = HubConfig.DEFAULT_HEARTBEAT_SECONDS;
        int maxBatch = HubConfig.DEFAULT_MAX_BATCH;
        Duration retention = HubConfig.DEFAULT_RETENTION;
        String enroll = null;
        Path credentialFile = null;
        Path tlsKeyStore = null;
        Path tlsPasswordFile = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--data" -> data = Path.of(required(args[i], value));
                case "--heartbeat-seconds" -> heartbeat = Integer.parseInt(required(args[i], value));
                case "--max-batch" -> maxBatch = Integer.parseInt(required(args[i], value));
                case "--retention" -> retention = Duration.parse(required(args[i], value));
                case "--enroll" -> enroll = required(args[i], value);
                case "--credential-file" -> credentialFile = Path.of(required(args[i], value));
                case "--tls-keystore" -> tlsKeyStore = Path.of(required(args[i], value));
                case "--tls-password-file" -> tlsPasswordFile = Path.of(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --port, --data, --heartbeat-seconds, --max-batch, --retention, --enroll, --credential-file,"
                        + " --tls-keystore, --tls-password-file (or: admin --help)");
            }
            i++;
        }
        if (enroll != null) {
            enroll(data, enroll, credentialFile);
            return;
        }
        if ((tlsKeyStore == null) != (tlsPasswordFile == null)) {
            throw new IllegalArgumentException("--tls-keystore and --tls-password-file go together");
        }
        TlsConfig tls = tlsKeyStore == null ? null : new TlsConfig(tlsKeyStore, tlsPasswordFile);
        HubConfig config = new HubConfig(port, data, heartbeat, maxBatch, retention);
        HubStore store = HubStore.open(data, Clock.systemUTC());
        HubServer server;
        try {
            server = HubServer.start(config, store, tls);
        } catch (RuntimeException e) {
            store.close(); // the pool's threads would otherwise keep a failed start alive
            throw e;
        }
        RetentionJob pruning = RetentionJob.start(store, config.retention());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pruning.close();
            server.close();
            store.close();
        }, "hub-shutdown"));
    }

    private static void enroll(Path data, String kioskId, Path credentialFile) {
        if (credentialFile == null) {
            throw new IllegalArgumentException("--enroll needs --credential-file: the credential is never printed");
        }
        try (HubStore store = HubStore.open(data, Clock.systemUTC())) {
            String credential = store.enroll(kioskId).orElseThrow(() -> new HubException(
                    "kiosk " + kioskId + " is enrolled already; its credential is shown only once"));
            Path dir = credentialFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".credential", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, credential, StandardCharsets.US_ASCII);
            Files.move(temp, credentialFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new HubException("cannot write the credential file " + credentialFile + ": " + e.getMessage(), e);
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
