package org.jinban.provisioning.enroll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.helidon.config.Config;
import org.jinban.kiosk.Main;
import org.jinban.kiosk.config.ConfigCheck;
import org.jinban.provisioning.ProvisionException;
import org.jinban.provisioning.ProvisionMain;

/**
 * Where an installed kiosk keeps what enrollment writes and factory reset wipes, found from the
 * technician's config file the way the kiosk itself reads it ({@link Main#load}: the file,
 * {@code enrollment.yaml} beside it, the defaults). With {@code /etc/jinban/kiosk.yaml}:
 * {@code /etc/jinban/enrollment.yaml}, {@code hub-public.key} and {@code identity.pub} beside it,
 * the secrets in {@code /etc/jinban/secret/}, the data where {@code kiosk.data-dir} says.
 *
 * @param kioskKey the data secret: {@code kiosk.secret-file} if the config names one, else
 *                 {@code <secretDir>/kiosk.key} (which enrollment then names in enrollment.yaml)
 */
public record KioskLayout(Path configFile, Path secretDir, Path kioskKey, Path dataDir, String host, int port,
                          Optional<String> kioskId, Optional<Path> credentialFileSetting,
                          Optional<Path> hubKeyFileSetting) {

    public static final String DEFAULT_CONFIG = "/etc/jinban/kiosk.yaml";

    /** The config file of {@code --config}, else {@code $JINBAN_CONFIG}, else {@value #DEFAULT_CONFIG}. */
    public static Path configFile(Path option) {
        if (option != null) {
            return option.toAbsolutePath();
        }
        String env = System.getenv("JINBAN_CONFIG");
        return Path.of(env == null || env.isBlank() ? DEFAULT_CONFIG : env).toAbsolutePath();
    }

    /**
     * @param secretDir {@code --secret-dir}, or null for {@code secret/} beside the config file
     * @param dataDir   {@code --data-dir}, or null for the config's {@code kiosk.data-dir}
     */
    public static KioskLayout of(Path configFile, Path secretDir, Path dataDir) {
        if (!Files.isRegularFile(configFile)) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "there is no config file " + configFile
                    + " (the package installs /etc/jinban/kiosk.yaml; give --config FILE)");
        }
        Config config;
        try {
            config = Main.load(configFile.toString());
            config.get("server.port").asInt().orElse(8080); // a malformed file fails here, not later
        } catch (RuntimeException e) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "cannot read the config file " + configFile + ": "
                    + e.getMessage() + " (run: jinban-provision config check)", e);
        }
        Path secrets = (secretDir != null ? secretDir : configFile.resolveSibling("secret")).toAbsolutePath();
        Path key = text(config, "kiosk.secret-file").map(Path::of).orElse(secrets.resolve("kiosk.key")).toAbsolutePath();
        Path data = (dataDir != null ? dataDir : Path.of(text(config, "kiosk.data-dir").orElse("./data"))).toAbsolutePath();
        int port;
        try {
            port = config.get("server.port").asInt().orElse(8080);
        } catch (RuntimeException e) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "server.port in " + configFile + " is not a port number");
        }
        return new KioskLayout(configFile, secrets, key, data, text(config, "server.host").orElse("127.0.0.1"), port,
                text(config, "sync.kiosk-id"), text(config, "sync.credential-file").map(Path::of),
                text(config, "sync.hub-public-key-file").map(Path::of));
    }

    private static Optional<String> text(Config config, String key) {
        return config.get(key).asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    public Path configDir() {
        return configFile.getParent();
    }

    /** {@code enrollment.yaml} beside the config file, or the technician screen's in the secrets' directory. */
    public Path enrollmentFile() {
        return ConfigCheck.enrollmentFile(configFile);
    }

    public Path credential() {
        return secretDir.resolve("credential");
    }

    public Path identityKey() {
        return secretDir.resolve("identity.key");
    }

    public Path identityPub() {
        return configFile.resolveSibling("identity.pub");
    }

    public Path hubPublicKey() {
        return configFile.resolveSibling("hub-public.key");
    }

    /** Enrolled here: enrollment.yaml or a credential is present. */
    public boolean enrolled() {
        return Files.exists(enrollmentFile()) || Files.exists(credential());
    }
}
