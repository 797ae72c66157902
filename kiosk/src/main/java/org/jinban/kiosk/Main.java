package org.jinban.kiosk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.ConfigCheck;
import org.jinban.kiosk.config.ConfigException;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.kiosk.screen.ScreenConfig;
import org.jinban.sync.client.SyncConfig;
import org.jinban.sync.client.SyncException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the kiosk service. Only wires: logging, configuration, {@link Kiosk}, shutdown.
 *
 * <p>Usage: {@code java -jar jinban-kiosk.jar [config.yaml]}. Configuration is read from, in
 * order of precedence: environment variables, system properties, the file given, the
 * {@code enrollment.yaml} beside it (if enrolled), and the built-in {@code application.yaml}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Logger log = LoggerFactory.getLogger(Main.class);

        Kiosk kiosk;
        try {
            // a file given is checked whole first, so a bad one is refused with every problem listed
            Config config = args.length == 0 ? load(args)
                    : new ConfigCheck().requireValid(Path.of(args[0]), () -> load(args), Main::plainEnvironment);
            DeviceConfig devices = DeviceConfig.from(config);
            Optional<SyncConfig> sync = config.get("sync.hub-url").asString().asOptional().filter(s -> !s.isBlank())
                    .map(url -> SyncConfig.from(key -> plainEnvironment(key)
                            .or(() -> config.get(key).asString().asOptional())));
            sync.ifPresent(s -> log.info("sync: with {}", s));
            kiosk = Kiosk.start(config.get("server"), KioskConfig.from(config), devices,
                    AppealConfig.from(config, devices.simulate()), Clock.systemDefaultZone(), sync,
                    ScreenConfig.from(config));
        } catch (ConfigException | SyncException e) {
            log.error("kiosk: cannot start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kiosk.close();
            stopped.countDown();
        }, "jinban-shutdown"));
        stopped.await();
    }

    /**
     * A sync key as a plain environment variable, e.g. {@code sync.hub-public-key} as
     * {@code SYNC_HUB_PUBLIC_KEY}: Helidon reads that name as {@code sync.hub.public.key}
     * ({@code _dash_} would stand for {@code -}), and enrollment scripts hand the key over under
     * the plain name. Like every environment variable it comes first.
     */
    static Optional<String> plainEnvironment(String key) {
        return Optional.ofNullable(System.getenv(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_")))
                .filter(v -> !v.isBlank());
    }

    /** Written by {@code jinban-provision enroll} beside the configuration file. */
    public static final String ENROLLMENT_FILE = "enrollment.yaml";

    public static Config load(String... args) {
        var builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.systemProperties());
        if (args.length > 0) {
            Path file = Path.of(args[0]);
            if (!Files.isReadable(file)) {
                throw new ConfigException("(file)", "cannot read the configuration file " + file);
            }
            builder.addSource(ConfigSources.file(file));
            // What enrollment wrote (hub, kiosk id, station) sits beside the technician's file, below it.
            Path enrollment = file.toAbsolutePath().resolveSibling(ENROLLMENT_FILE);
            if (Files.exists(enrollment)) {
                if (!Files.isReadable(enrollment)) {
                    throw new ConfigException("(file)", "cannot read the enrollment file " + enrollment);
                }
                builder.addSource(ConfigSources.file(enrollment));
            }
        }
        return builder.addSource(ConfigSources.classpath("application.yaml")).build();
    }
}
