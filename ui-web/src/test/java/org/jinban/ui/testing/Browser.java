package org.jinban.ui.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Pause;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver, sized like the kiosk's portrait
 * screen (1080 x 1920). Both paths are given explicitly, so Selenium Manager is never run and
 * nothing is downloaded; {@link #start()} checks that from Selenium's own log.
 */
public final class Browser implements AutoCloseable {
    public static final String INSTALL_HINT = "sudo apt-get install chromium chromium-driver fonts-noto-cjk";
    public static final Duration WAIT = Duration.ofSeconds(10);
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
        String dir = System.getProperty("jinban.screenshots");
        this.screenshots = Path.of(dir != null && !dir.isBlank() ? dir : "target/screenshots");
    }

    /** A browser that never uses its HTTP cache: every page load fetches every file afresh. */
    public static Browser start() {
        return start(false);
    }

    /**
     * @param httpCache whether Chromium may keep and revalidate (If-None-Match) the page's files,
     *                  as the kiosk's own browser does; the tests of the page itself go without
     */
    public static Browser start(boolean httpCache) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Chromium or chromedriver is missing (" + CHROMIUM + ", " + CHROMEDRIVER + "); install them with: "
                    + INSTALL_HINT);
        }
        requireChineseFont();
        // Selenium has no CDP bindings for this Chromium's version; the tests use none of them.
        QUIET.forEach(l -> l.setLevel(Level.SEVERE));
        SeleniumManagerGuard guard = SeleniumManagerGuard.install();
        Path profile;
        try {
            profile = Files.createTempDirectory("jinban-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--window-size=1080,1920", "--lang=zh-CN", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        // Leave an unexpected alert open: the tests look for it themselves.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(20))
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        } finally {
            guard.uninstall();
        }
        Browser browser = new Browser(service, driver, profile);
        try {
            guard.check();
            // The kiosk's portrait screen: a 1080 x 1920 CSS px viewport (the window has chrome around it).
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1080, "height", 1920, "deviceScaleFactor", 1, "mobile", false));
            if (!httpCache) {
                driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            }
            driver.manage().timeouts().pageLoadTimeout(WAIT);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(5));
            driver.manage().timeouts().implicitlyWait(Duration.ZERO);
            return browser;
        } catch (RuntimeException | AssertionError e) {
            browser.close();
            throw e;
        }
    }

    /** The page names Noto Sans CJK first; without a CJK font every 汉字 is a box. */
    private static void requireChineseFont() {
        try {
            Process p = new ProcessBuilder("fc-list", ":lang=zh", "family").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.isBlank()) {
                fail("No Chinese font is installed (fc-list :lang=zh is empty); install one with: " + INSTALL_HINT);
            }
        } catch (IOException e) {
            // no fontconfig tools: can't tell; the screenshots will show it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public WebDriver driver() {
        return driver;
    }

    // ---- finding and waiting -------------------------------------------------------------

    public static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return waitUntil(WAIT, condition);
    }

    public <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).until(condition::apply);
    }

    /** Waits (at most {@link #WAIT}) and, on time-out, says what it was waiting for and where the page was. */
    public <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        return waitUntil(what, WAIT, condition);
    }

    public <T> T waitUntil(String what, Duration timeout, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        wait.withMessage(() -> what + " (page at " + driver.getCurrentUrl() + ")");
        return wait.until(condition::apply);
    }

    public WebElement visible(String testId) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(testId(testId)));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public boolean present(String testId) {
        return !driver.findElements(testId(testId)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    public <T> T js(String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, args);
    }

    // ---- touching ------------------------------------------------------------------------

    /** Waits until nothing scrolls any more (e.g. a smooth scroll to the results has ended). */
    public void settle() {
        ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const boxes = () => [document.scrollingElement, ...document.querySelectorAll('main, .cat-in, .cat-out')];
                const start = performance.now();
                let last = null, same = 0;
                (function tick() {
                  const now = boxes().map((b) => b ? b.scrollTop : 0).join(',');
                  same = now === last ? same + 1 : 0;
                  last = now;
                  if (same >= 3 || performance.now() - start > 3000) done(); else requestAnimationFrame(tick);
                })();""");
    }

    /**
     * A finger's tap (touch pointer: pointerdown/touchstart, then the click the browser makes of
     * it), in the middle of the element, after bringing it into view.
     */
    public void tap(WebElement el) {
        settle();
        js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});", el);
        waitUntil(ExpectedConditions.elementToBeClickable(el));
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence tap = new Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(el), 0, 0))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(new Pause(finger, Duration.ofMillis(40)))
                .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(tap));
    }

    /** Taps the element with this data-testid (found again if the page re-rendered it meanwhile). */
    public void tap(String testId) {
        for (int attempt = 1; ; attempt++) {
            try {
                tap(waitUntil(ExpectedConditions.elementToBeClickable(testId(testId))));
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    // ---- checks --------------------------------------------------------------------------

    /** True when a JavaScript alert/confirm/prompt is open (and closes it). */
    public boolean alertOpen() {
        try {
            driver.switchTo().alert().dismiss();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    // ---- screenshots ---------------------------------------------------------------------

    /** Saves what the screen shows as target/screenshots/{name}.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(name.endsWith(".png") ? name : name + ".png");
            settle();
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }

    /**
     * Listens to Selenium's DriverFinder while the driver starts: it must log that it skips
     * Selenium Manager (which would otherwise try to download a browser or driver).
     */
    private static final class SeleniumManagerGuard extends Handler {
        private static final Logger FINDER = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
        private static final Logger MANAGER = Logger.getLogger("org.openqa.selenium.manager.SeleniumManager");
        private final Level finderLevel = FINDER.getLevel();
        private final Level managerLevel = MANAGER.getLevel();
        private volatile boolean skipped;
        private volatile String managerUsed;

        static SeleniumManagerGuard install() {
            SeleniumManagerGuard g = new SeleniumManagerGuard();
            g.setLevel(Level.ALL);
            FINDER.setLevel(Level.FINE);
            MANAGER.setLevel(Level.FINE);
            FINDER.addHandler(g);
            MANAGER.addHandler(g);
            return g;
        }

        @Override
        public void publish(LogRecord r) {
            String msg = String.valueOf(r.getMessage());
            if (r.getLoggerName().endsWith("DriverFinder") && msg.startsWith("Skipping Selenium Manager")) {
                skipped = true;
            } else if (r.getLoggerName().endsWith("SeleniumManager")) {
                managerUsed = msg;
            }
        }

        void uninstall() {
            FINDER.removeHandler(this);
            MANAGER.removeHandler(this);
            FINDER.setLevel(finderLevel);
            MANAGER.setLevel(managerLevel);
        }

        void check() {
            if (managerUsed != null || !skipped) {
                fail("Selenium Manager was not bypassed (it may try to download a driver; this machine is offline): "
                        + (managerUsed != null ? managerUsed : "no 'Skipping Selenium Manager' log from DriverFinder"));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
