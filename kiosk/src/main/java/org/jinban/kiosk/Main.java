package org.jinban.kiosk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.config.ConfigCheck;
import org.jinban.kiosk.config.ConfigException;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.kiosk.enroll.Enrollment;
import org.jinban.kiosk.enroll.TechnicianSetup;
import org.jinban.kiosk.screen.ScreenConfig;
import org.jinban.kiosk.sync.Restarter;
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
            boolean[] awaitsEnrollment = new boolean[1];
            Config config = args.length == 0 ? load(args) : checked(args, awaitsEnrollment);
            DeviceConfig devices = DeviceConfig.from(config);
            Optional<SyncConfig> sync = config.get("sync.hub-url").asString().asOptional().filter(s -> !s.isBlank())
                    .map(url -> SyncConfig.from(key -> plainEnvironment(key)
                            .or(() -> config.get(key).asString().asOptional())));
            sync.ifPresent(s -> log.info("sync: with {}", s));
            KioskConfig kioskConfig = KioskConfig.from(config);
            AppealConfig appealConfig = AppealConfig.from(config, devices.simulate());
            TechnicianSetup technician = args.length == 0 ? TechnicianSetup.none()
                    : technician(Path.of(args[0]), appealConfig.secretFile(kioskConfig.dataDir()), config,
                    awaitsEnrollment[0]);
            if (technician.enrollmentRequired()) {
                log.warn("kiosk: not enrolled yet; serving the technician screen only (docs/operations.md, Enroll)");
            }
            kiosk = Kiosk.start(config.get("server"), kioskConfig, devices, appealConfig, Clock.systemDefaultZone(),
                    sync, ScreenConfig.from(config), technician);
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

    /** What enrollment brings: a kiosk that lacks only these starts, and waits for its enrollment. */
    private static final Set<String> ENROLLED_KEYS = Set.of("sync.hub-url", "sync.kiosk-id", "sync.credential",
            "sync.credential-file", "sync.hub-public-key-file", "kiosk.station.name-zh", "kiosk.station.address",
            "kiosk.station.grid-code");

    /**
     * The checked configuration. A kiosk not enrolled yet (no enrollment file) whose only problems
     * are the keys enrollment brings starts anyway, waiting for its enrollment ({@code awaits[0]}).
     */
    private static Config checked(String[] args, boolean[] awaits) {
        Path file = Path.of(args[0]);
        try {
            return new ConfigCheck().requireValid(file, () -> load(args), Main::plainEnvironment);
        } catch (ConfigException e) {
            if (e.problems().isEmpty() || Files.exists(ConfigCheck.enrollmentFile(file))
                    || !e.problems().stream().allMatch(p -> ENROLLED_KEYS.contains(p.key()))) {
                throw e;
            }
            awaits[0] = true;
            return load(args);
        }
    }

    /**
     * The technician screen of an installed kiosk: the PIN's hash and what the screen's
     * enrollment writes go to {@code secret/} beside the config file, the one directory of
     * {@code /etc/jinban} the service may write (jinban-kiosk.service, ReadWritePaths=).
     */
    private static TechnicianSetup technician(Path file, Path kioskKey, Config config, boolean awaitsEnrollment) {
        Path secretDir = file.toAbsolutePath().resolveSibling("secret");
        return new TechnicianSetup(awaitsEnrollment, Optional.of(secretDir.resolve(TechnicianSetup.PIN_FILE)),
                Optional.of(Enrollment.Targets.allIn(secretDir, kioskKey.toAbsolutePath(), ENROLLMENT_FILE)),
                config.get("sync.pin-sha256").asString().asOptional().filter(s -> !s.isBlank()),
                TechnicianSetup.DEFAULT_TIMEOUT, () -> System.exit(Restarter.EXIT_STATUS));
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
            Path enrollment = ConfigCheck.enrollmentFile(file);
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
