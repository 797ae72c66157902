package org.jinban.ui.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jinban.kiosk.enroll.TechnicianSetup;
import org.jinban.kiosk.screen.ScreenConfig;
import org.jinban.sync.client.SyncConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One kiosk and one browser for a whole test class, so that every browser test starts and stops
 * them the same way: a kiosk on its own temporary data directory, then the browser and the page
 * object; afterwards the browser, the kiosk and the directory go, even when one of them fails.
 * Register it per class:
 * <pre>{@code @RegisterExtension static final KioskSession session = KioskSession.standard();}</pre>
 * The {@code with...} methods give the few classes that need it another kiosk or browser.
 */
public final class KioskSession implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KioskSession.class);

    private final Duration idleTimeout;
    private final Duration elderIdleTimeout;
    private final Callable<String> catalog;
    private final boolean httpCache;
    private final Optional<URI> hub;
    private final ScreenConfig screen;
    private final Function<Path, TechnicianSetup> technician;

    private Path dir;
    private KioskFixture kiosk;
    private Browser browser;
    private KioskPage page;
    private Layout layout;
    private Simulator simulator;
    private AppealPage appeals;
    private LookupPage lookup;
    private StaffPage staff;

    private KioskSession(Duration idleTimeout, Duration elderIdleTimeout, Callable<String> catalog, boolean httpCache,
                         Optional<URI> hub, ScreenConfig screen) {
        this(idleTimeout, elderIdleTimeout, catalog, httpCache, hub, screen, dir -> TechnicianSetup.none());
    }

    private KioskSession(Duration idleTimeout, Duration elderIdleTimeout, Callable<String> catalog, boolean httpCache,
                         Optional<URI> hub, ScreenConfig screen, Function<Path, TechnicianSetup> technician) {
        this.technician = technician;
        this.idleTimeout = idleTimeout;
        this.elderIdleTimeout = elderIdleTimeout;
        this.catalog = catalog;
        this.httpCache = httpCache;
        this.hub = hub;
        this.screen = screen;
    }

    /**
     * The production idle timeouts, the demo catalog, a browser without HTTP cache, and a screen
     * that never dims (a dimmed page would swallow a test's first tap).
     */
    public static KioskSession standard() {
        return new KioskSession(KioskFixture.IDLE_TIMEOUT, KioskFixture.ELDER_IDLE_TIMEOUT, null, false, Optional.empty(),
                ScreenConfig.never());
    }

    /** Short timeouts, so that a test can wait for the idle return to the home screen. */
    public KioskSession withIdleTimeouts(Duration idle, Duration elderIdle) {
        return new KioskSession(idle, elderIdle, catalog, httpCache, hub, screen, technician);
    }

    /** A screen that dims after {@code dimAfter}, with this backlight (a directory laid out like sysfs). */
    public KioskSession withDimming(Duration dimAfter, Optional<Path> backlight) {
        return new KioskSession(idleTimeout, elderIdleTimeout, catalog, httpCache, hub, new ScreenConfig(dimAfter, backlight), technician);
    }

    /**
     * Another catalog than the demo one.
     *
     * @param json the catalog file's content, made when the class starts (so it may read resources)
     */
    public KioskSession withCatalog(Callable<String> json) {
        return new KioskSession(idleTimeout, elderIdleTimeout, json, httpCache, hub, screen, technician);
    }

    /** A browser that keeps and revalidates the page's files, as the kiosk's own browser does. */
    public KioskSession withBrowserCache() {
        return new KioskSession(idleTimeout, elderIdleTimeout, catalog, true, hub, screen, technician);
    }

    /** A kiosk that syncs with the central platform at {@code hubUrl} ({@code ws://.../sync/v1}). */
    public KioskSession withSync(URI hubUrl) {
        return new KioskSession(idleTimeout, elderIdleTimeout, catalog, httpCache, Optional.of(hubUrl), screen, technician);
    }

    /**
     * A kiosk with the technician screen {@code setup} makes, given the session's temporary
     * directory (the kiosk's data is in its {@code data/}).
     */
    public KioskSession withTechnician(Function<Path, TechnicianSetup> setup) {
        return new KioskSession(idleTimeout, elderIdleTimeout, catalog, httpCache, hub, screen, setup);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getStore(STORE).put(KioskSession.class, this);
        dir = Files.createTempDirectory("jinban-ui-");
        String seed = KioskFixture.DEMO_CATALOG;
        if (catalog != null) {
            seed = Files.writeString(dir.resolve("catalog.json"), catalog.call()).toString();
        }
        kiosk = KioskFixture.start(Files.createDirectory(dir.resolve("data")), idleTimeout, elderIdleTimeout, seed, 0,
                hub.map(url -> new SyncConfig(url, "K-370783001001-01", "ui-test-credential", Duration.ofSeconds(2),
                        SyncConfig.DEFAULT_MAX_BATCH, null)), screen, KioskFixture.webRoot(), technician.apply(dir));
        browser = Browser.start(httpCache);
        page = new KioskPage(browser, kiosk);
        layout = new Layout(browser);
        simulator = new Simulator(kiosk);
        appeals = new AppealPage(browser, page);
        lookup = new LookupPage(browser, page);
        staff = new StaffPage(browser, page, simulator);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Cleanup.closeAll(browser, kiosk, dir == null ? null : new TempTree(dir));
    }

    /** The session of the running test class, if it registered one (for {@link ScreenshotOnFailure}). */
    static Optional<KioskSession> of(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(STORE).get(KioskSession.class, KioskSession.class));
    }

    /** The running kiosk; like the browser, the page and its layout, null before the class starts. */
    public KioskFixture kiosk() {
        return kiosk;
    }

    public Browser browser() {
        return browser;
    }

    public KioskPage page() {
        return page;
    }

    public Layout layout() {
        return layout;
    }

    /** The simulated devices and central platform of the kiosk. */
    public Simulator simulator() {
        return simulator;
    }

    /** Filing an appeal and its receipt. */
    public AppealPage appeals() {
        return appeals;
    }

    /** Looking an appeal up and rating it. */
    public LookupPage lookup() {
        return lookup;
    }

    public StaffPage staff() {
        return staff;
    }

    /** The session's temporary directory: closing it deletes it with everything in it. */
    private record TempTree(Path root) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path p : paths) {
                Files.delete(p);
            }
        }
    }
}
