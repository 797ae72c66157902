package org.jinban.provisioning.selftest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import io.helidon.config.Config;
import org.jinban.kiosk.Main;
import org.jinban.kiosk.config.ConfigException;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.provisioning.ProvisionException;
import org.jinban.provisioning.ProvisionMain;

/**
 * What the self-test needs from the kiosk's configuration, read the way the kiosk service reads
 * it (environment, system properties, the technician's file, {@code enrollment.yaml} beside it,
 * the built-in defaults), so that a port or pin means here what it means to the service.
 *
 * @param devices    the devices, by the kiosk's own {@link DeviceConfig#from}
 * @param serverHost where the kiosk service listens ({@code server.host})
 * @param serverPort its port ({@code server.port}): if it answers, the service holds the devices
 * @param dataDir    {@code kiosk.data-dir}: the database whose sync cursors the hub check sends
 * @param stationName {@code kiosk.station.name-zh}, printed on the test receipt
 * @param hub        the enrollment's hub, or empty when the kiosk is not enrolled
 */
record SelftestSettings(DeviceConfig devices, String serverHost, int serverPort, Path dataDir, String stationName,
                        Optional<HubAccess> hub) {

    /** The enrollment file the kiosk reads beside its configuration file (docs/operations.md). */
    static final String ENROLLMENT_FILE = Main.ENROLLMENT_FILE;

    /**
     * How to reach the hub as this kiosk. The credential is never printed ({@link #toString()}).
     *
     * @param pinSha256 the hub certificate's SHA-256 ({@code sync.pin-sha256}), or empty: the system's CAs
     */
    record HubAccess(URI url, String kioskId, String credential, Optional<String> pinSha256) {
        @Override
        public String toString() {
            return "HubAccess[url=" + url + ", kioskId=" + kioskId + ", credential=****]";
        }
    }

    static SelftestSettings load(Path configFile) {
        Config config = read(configFile);
        try {
            DeviceConfig devices = DeviceConfig.from(config);
            return new SelftestSettings(devices,
                    config.get("server.host").asString().orElse("127.0.0.1"),
                    config.get("server.port").asInt().orElse(8080),
                    Path.of(config.get("kiosk.data-dir").asString().orElse("./data")),
                    config.get("kiosk.station.name-zh").asString().orElse(""),
                    hub(config));
        } catch (ConfigException | io.helidon.config.ConfigException e) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, e.getMessage()
                    + " (jinban-provision config check lists every problem)", e);
        }
    }

    /** The kiosk's own reading ({@link Main#load}), with the technician told what to do when a file is unreadable. */
    private static Config read(Path file) {
        if (!Files.isReadable(file)) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "cannot read the configuration file " + file
                    + " (give it with --config, or run with sudo)");
        }
        Path enrollment = file.toAbsolutePath().resolveSibling(ENROLLMENT_FILE);
        if (Files.isRegularFile(enrollment) && !Files.isReadable(enrollment)) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "cannot read " + enrollment + " (run with sudo)");
        }
        try {
            return Main.load(file.toString());
        } catch (ConfigException e) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, e.reason() + " (run with sudo)", e);
        }
    }

    private static Optional<HubAccess> hub(Config config) {
        Optional<String> url = value(config, "sync.hub-url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.get().trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("sync.hub-url", "is not a URL: " + url.get());
        }
        String kioskId = value(config, "sync.kiosk-id")
                .orElseThrow(() -> new ConfigException("sync.kiosk-id", "is missing (written by enrollment)"));
        return Optional.of(new HubAccess(uri, kioskId, credential(config), value(config, "sync.pin-sha256")));
    }

    /** {@code sync.credential} if set (environment), else the file enrollment wrote ({@code sync.credential-file}). */
    private static String credential(Config config) {
        Optional<String> inline = value(config, "sync.credential");
        if (inline.isPresent()) {
            return inline.get().trim();
        }
        Path file = value(config, "sync.credential-file").map(Path::of)
                .orElseThrow(() -> new ConfigException("sync.credential-file", "is missing (written by enrollment)"));
        try {
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (secret.isEmpty()) {
                throw new ConfigException("sync.credential-file", "the file " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "cannot read the sync credential file " + file
                    + " (run with sudo, as the kiosk's secrets are readable by root and jinban only)", e);
        }
    }

    /**
     * A key from the configuration or, as the kiosk does for the sync keys, from its plain
     * environment variable ({@code SYNC_CREDENTIAL}), which comes first.
     */
    private static Optional<String> value(Config config, String key) {
        if (key.startsWith("sync.")) {
            Optional<String> env = Optional.ofNullable(System.getenv(
                    key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"))).filter(v -> !v.isBlank());
            if (env.isPresent()) {
                return env;
            }
        }
        return config.get(key).asString().asOptional().filter(v -> !v.isBlank());
    }
}
