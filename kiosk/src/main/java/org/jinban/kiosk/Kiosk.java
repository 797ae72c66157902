package org.jinban.kiosk;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.jackson.JacksonSupport;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.staticcontent.FileSystemHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.catalog.CatalogFileReader;
import org.jinban.kiosk.catalog.CatalogFormatException;
import org.jinban.kiosk.catalog.CatalogHealthCheck;
import org.jinban.kiosk.catalog.CatalogHttpService;
import org.jinban.kiosk.catalog.CatalogImporter;
import org.jinban.kiosk.catalog.CatalogSearch;
import org.jinban.kiosk.catalog.CatalogStore;
import org.jinban.kiosk.config.KioskConfig;
import org.jinban.kiosk.devices.DeviceConfig;
import org.jinban.kiosk.devices.Devices;
import org.jinban.kiosk.devices.DevicesHealthCheck;
import org.jinban.kiosk.devices.SimulatorHttpService;
import org.jinban.kiosk.events.EventHub;
import org.jinban.kiosk.events.EventsHttpService;
import org.jinban.kiosk.enroll.NotEnrolledFilter;
import org.jinban.kiosk.enroll.TechnicianGate;
import org.jinban.kiosk.enroll.TechnicianHttpService;
import org.jinban.kiosk.enroll.TechnicianPin;
import org.jinban.kiosk.enroll.TechnicianSetup;
import org.jinban.kiosk.http.ProblemHandlers;
import org.jinban.kiosk.ime.ImeHttpService;
import org.jinban.kiosk.screen.Backlight;
import org.jinban.kiosk.screen.ScreenConfig;
import org.jinban.kiosk.screen.ScreenHttpService;
import org.jinban.kiosk.settings.SettingsHttpService;
import org.jinban.kiosk.staff.PinHasher;
import org.jinban.kiosk.store.Database;
import org.jinban.kiosk.sync.SyncHealthCheck;
import org.jinban.kiosk.systemd.KioskSelfCheck;
import org.jinban.kiosk.systemd.SystemdNotifier;
import org.jinban.sync.client.SyncConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running kiosk service: its database, its catalog and its web server. Built the same way by
 * {@link Main} and by the tests, which hand in a port of 0 and a scratch data directory.
 */
public final class Kiosk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Kiosk.class);
    private static final String API = "/api/v1";
    private static final int MAX_REQUEST_LINE = 128 * 1024;

    private final Database db;
    private final Devices devices;
    private final Appeals appeals;
    private final WebServer server;
    private final Optional<SystemdNotifier> systemd;

    private Kiosk(Database db, Devices devices, Appeals appeals, WebServer server) {
        this.db = db;
        this.devices = devices;
        this.appeals = appeals;
        this.server = server;
        // Under systemd (jinban-kiosk.service): ready now, and the watchdog fed while healthy.
        this.systemd = SystemdNotifier.fromEnvironment(System.getenv(), SystemdNotifier.COMMAND,
                new KioskSelfCheck(server::isRunning, db));
        systemd.ifPresent(SystemdNotifier::ready);
    }

    /**
     * Opens the database, imports the catalog if the seed is newer, and starts the server.
     *
     * @param serverConfig the {@code server} node (host, port); the host defaults to 127.0.0.1
     */
    public static Kiosk start(Config serverConfig, KioskConfig config) {
        return start(serverConfig, config, DeviceConfig.simulated());
    }

    /** As {@link #start(Config, KioskConfig)}, with the devices {@code devices} describes. */
    public static Kiosk start(Config serverConfig, KioskConfig config, DeviceConfig deviceConfig) {
        return start(serverConfig, config, deviceConfig, AppealConfig.defaults(), Clock.systemDefaultZone());
    }

    /** As above, with the appeal settings and the clock (tests move it to see warnings and purges). */
    public static Kiosk start(Config serverConfig, KioskConfig config, DeviceConfig deviceConfig,
                              AppealConfig appealConfig, Clock clock) {
        return start(serverConfig, config, deviceConfig, appealConfig, clock, Optional.empty());
    }

    /** As above, syncing with the central platform {@code sync} names (none: the kiosk works alone). */
    public static Kiosk start(Config serverConfig, KioskConfig config, DeviceConfig deviceConfig,
                              AppealConfig appealConfig, Clock clock, Optional<SyncConfig> sync) {
        return start(serverConfig, config, deviceConfig, appealConfig, clock, sync, ScreenConfig.defaults());
    }

    /** As above, with how the screen dims when nobody uses it. */
    public static Kiosk start(Config serverConfig, KioskConfig config, DeviceConfig deviceConfig,
                              AppealConfig appealConfig, Clock clock, Optional<SyncConfig> sync,
                              ScreenConfig screen) {
        return start(serverConfig, config, deviceConfig, appealConfig, clock, sync, screen, TechnicianSetup.none());
    }

    /** As above, with the technician screen (PIN, enrollment by the scanner) and whether the kiosk waits for it. */
    public static Kiosk start(Config serverConfig, KioskConfig config, DeviceConfig deviceConfig,
                              AppealConfig appealConfig, Clock clock, Optional<SyncConfig> sync,
                              ScreenConfig screen, TechnicianSetup technician) {
        // The database and catalog open on one thread while the web server's parts load on
        // this one: both are mostly class loading, and a kiosk has two or four cores.
        CompletableFuture<Opened> opening = CompletableFuture.supplyAsync(() -> open(config, appealConfig, clock),
                task -> new Thread(task, "jinban-open").start());
        try {
            Http1Config http1 = Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE).build();
            MetricsObserver metrics = MetricsObserver.create();
            Optional<HttpService> page = config.webRoot().map(root -> StaticContentFeature.createService(
                    FileSystemHandlerConfig.builder().location(root).welcome("index.html").build()));
            EventHub events = new EventHub();
            Devices devices = Devices.start(deviceConfig, events);
            Opened opened;
            try {
                opened = join(opening);
            } catch (RuntimeException e) {
                devices.close();
                throw e;
            }
            Appeals appeals = null;
            try {
                appeals = new Appeals(opened.appeals(), opened.db(), config, appealConfig, devices, events, clock, sync,
                        opened.catalog());
                return new Kiosk(opened.db(), devices, appeals,
                        startServer(serverConfig, config, opened, http1, metrics, page, events, devices, appeals,
                                screen, technician, clock));
            } catch (RuntimeException e) {
                if (appeals != null) {
                    appeals.close();
                }
                devices.close();
                opened.db().close();
                throw e;
            }
        } catch (RuntimeException e) {
            opening.thenAccept(o -> o.db().close());
            throw e;
        }
    }

    /** What opening the database gives the server. */
    private record Opened(Database db, ObjectMapper json, CatalogStore catalog, Appeals.Prepared appeals) {
    }

    private static Opened open(KioskConfig config, AppealConfig appealConfig, Clock clock) {
        ObjectMapper json = objectMapper();
        Database db = Database.open(config.dataDir());
        try {
            CatalogStore catalog = new CatalogStore(db, json);
            importSeed(new CatalogImporter(new CatalogFileReader(json), catalog), config.catalogSeed());
            return new Opened(db, json, catalog, Appeals.prepare(db, json, config, appealConfig, clock));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Opened join(CompletableFuture<Opened> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static WebServer startServer(Config serverConfig, KioskConfig config, Opened opened, Http1Config http1,
                                         MetricsObserver metrics, Optional<HttpService> page, EventHub events,
                                         Devices devices, Appeals appeals, ScreenConfig screen,
                                         TechnicianSetup technician, Clock clock) {
        CatalogSearch search = new CatalogSearch(opened.catalog());
        ProblemHandlers problems = new ProblemHandlers(opened.json());

        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter((chain, req, res) -> {
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            res.header("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'");
            res.header("Referrer-Policy", "no-referrer");
            chain.proceed();
        });
        problems.register(routing);
        if (technician.enrollmentRequired()) {
            routing.addFilter(new NotEnrolledFilter(API)); // residents wait for enrollment
        }
        routing.register(API + "/technician", new TechnicianHttpService(technician,
                new TechnicianGate(new TechnicianPin(technician.pinFile(), new PinHasher()), clock),
                (action, subject, detail) -> opened.appeals().store().audit("technician", action, subject, detail,
                        clock.instant()), clock, problems::methodNotAllowed));
        routing.register(API + "/catalog", new CatalogHttpService(opened.catalog(), search, problems::methodNotAllowed))
                .register(API + "/kiosk", new SettingsHttpService(appeals.settings(), screen.dimAfter(),
                        problems::methodNotAllowed))
                .register(API + "/screen", new ScreenHttpService(Backlight.start(screen), problems::methodNotAllowed))
                .register(API + "/events", new EventsHttpService(events, opened.json()));
        appeals.register(routing, API, problems::methodNotAllowed, devices);
        routing.register(API + "/ime", ImeHttpService.create(problems::methodNotAllowed));
        devices.simulator().ifPresent(simulator -> routing.register(API + "/simulator",
                new SimulatorHttpService(simulator, problems::methodNotAllowed)));
        routing.any("/api/{+}", problems::unknownPath);
        page.ifPresent(service -> routing.register("/", service));

        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .config(serverConfig)
                .shutdownHook(false)
                // A query of 10,000 Chinese characters is ~90 KB once URL-encoded; let it reach
                // the API so it gets a problem+json that names the field, not a bare 414.
                .addProtocol(http1)
                // Answers are small and written in parts: without TCP_NODELAY, Nagle's algorithm
                // and the client's delayed ACK hold some of them back ~40 ms.
                .connectionOptions(options -> options.tcpNoDelay(true))
                .mediaContext(MediaContext.builder()
                        .addMediaSupport(JacksonSupport.create(opened.json()))
                        .build())
                .addFeature(ObserveFeature.just(
                        HealthObserver.builder().details(true).useSystemServices(false)
                                .addCheck(new CatalogHealthCheck(opened.catalog()))
                                .addCheck(new DevicesHealthCheck(devices))
                                .addCheck(new SyncHealthCheck(appeals::syncStatus)).build(),
                        metrics))
                .routing(routing)
                .build()
                .start();
        LOG.info("kiosk: listening on http://{}:{} (data in {})", serverConfig.get("host").asString()
                .orElse("127.0.0.1"), server.port(), config.dataDir());
        return server;
    }

    /**
     * A seed that cannot be read must not keep the kiosk down: it keeps the catalog it holds
     * (or none, which the health check reports) and says why in the log.
     */
    private static void importSeed(CatalogImporter importer, String seed) {
        try {
            importer.importIfNewer(seed);
        } catch (CatalogFormatException | UncheckedIOException e) {
            LOG.error("catalog: cannot import {}: {}", seed, e.getMessage());
        }
    }

    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return db;
    }

    /** Purges what is due now, as the hourly job does; for tests and the technician's tools. */
    public int purgePersonalData() {
        return appeals.purge().runOnce();
    }

    /** Stops taking requests, then closes the database. */
    @Override
    public void close() {
        systemd.ifPresent(SystemdNotifier::close);
        server.stop();
        appeals.close();
        devices.close();
        db.close();
        LOG.info("kiosk: stopped");
    }
}
