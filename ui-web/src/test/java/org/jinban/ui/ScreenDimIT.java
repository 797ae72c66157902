package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.jinban.ui.testing.Browser;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The screen rests on the untouched home screen after kiosk.ui.dim-after (3 s here), with the
 * backlight a temporary directory laid out like sysfs, and wakes at once for a touch, a key or
 * the presence sensor; never while a resident is in the middle of something.
 */
@ExtendWith(ScreenshotOnFailure.class)
class ScreenDimIT {
    static final Duration DIM_AFTER = Duration.ofSeconds(3);
    static final Path BACKLIGHT = backlight();

    @RegisterExtension
    static final KioskSession session = KioskSession.standard().withDimming(DIM_AFTER, Optional.of(BACKLIGHT));

    private static Path backlight() {
        try {
            Path dir = Files.createTempDirectory("jinban-backlight-");
            Files.writeString(dir.resolve("max_brightness"), "255\n");
            Files.writeString(dir.resolve("brightness"), "255\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeBacklight() throws IOException {
        try (Stream<Path> paths = Files.walk(BACKLIGHT)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    Browser browser;

    @BeforeEach
    void fresh() {
        browser = session.browser();
        // the presence sensor starts each test with nobody there
        session.kiosk().simulate("/presence", "{\"present\":false}");
        session.page().openHome();
    }

    private String display() {
        return browser.js("return document.documentElement.dataset.display || 'awake';");
    }

    private static String brightness() {
        try {
            return Files.readString(BACKLIGHT.resolve("brightness")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitForDim() {
        browser.waitUntil("the screen dimmed", Duration.ofSeconds(12), d -> "dim".equals(display()));
        browser.waitUntil("the backlight down to a fifth", Duration.ofSeconds(5), d -> "51".equals(brightness()));
        assertTrue(browser.visible("dim-veil").isDisplayed());
    }

    private void waitForAwake(String why) {
        browser.waitUntil("the screen awake " + why, Duration.ofSeconds(3), d -> "awake".equals(display()));
        browser.waitUntil("the backlight up again " + why, Duration.ofSeconds(5), d -> "255".equals(brightness()));
        // hidden, not merely transparent: the veil goes clear at once when the screen wakes, but
        // stays (and takes the next touch as the waking one) until the waking touch is over
        browser.waitUntil("the veil lifted " + why, Duration.ofSeconds(3), d -> "true".equals(browser.driver()
                .findElement(Browser.testId("dim-veil")).getDomProperty("hidden")));
    }

    /** Stays awake for longer than the dim time and twice the page's recheck. */
    private void staysAwake(String why) throws InterruptedException {
        Thread.sleep(DIM_AFTER.toMillis() + 4500);
        assertEquals("awake", display(), why);
        assertEquals("255", brightness(), why);
    }

    @Test
    void dimsOnTheUntouchedHomeScreenAndTheWakingTouchPressesNothing() {
        waitForDim();
        String hint = browser.visible("dim-hint").getText();
        assertTrue(hint.contains("轻触屏幕开始") && hint.contains("Touch the screen to begin"), hint);
        browser.screenshot("91-screen-dimmed");

        browser.tap("tile-catalog"); // the finger lands on the veil over the tile
        waitForAwake("after a touch");
        assertEquals("home", session.page().screen(), "the waking touch must not open the service list");
        // The resident stands there (or the 3 s would dim the screen again under a slow test).
        session.kiosk().simulate("/presence", "{\"present\":true}");
        // The page must have heard it: until then a slow machine may dim the screen again, and
        // the next tap would be a waking touch. Once it has, nothing dims while someone is there.
        browser.waitUntil("the page heard someone step up", Duration.ofSeconds(5),
                d -> "yes".equals(browser.js("return document.documentElement.dataset.present || '';")));
        waitForAwake("while someone is present");
        browser.screenshot("92-screen-woken");

        session.page().openCatalog(); // a second touch does what it says
    }

    @Test
    void aKeyWakesTheScreenToo() {
        waitForDim();
        new Actions(browser.driver()).sendKeys(Keys.SPACE).perform();
        waitForAwake("after a key");
        assertEquals("home", session.page().screen());
    }

    @Test
    void thePresenceSensorWakesItAndKeepsItAwakeWhileSomeoneIsThere() throws InterruptedException {
        waitForDim();
        session.kiosk().simulate("/presence", "{\"present\":true}");
        waitForAwake("when someone steps up");
        staysAwake("someone stands at the kiosk");

        session.kiosk().simulate("/presence", "{\"present\":false}");
        waitForDim(); // they left: the quiet time starts again
    }

    @Test
    void neverDimsWhileAResidentIsInTheMiddleOfAnAppeal() throws InterruptedException {
        session.appeals().open();
        staysAwake("a resident is filing an appeal");
        assertFalse(browser.driver().findElement(Browser.testId("dim-veil")).isDisplayed());
        session.appeals().chooseMatter("SAFETY", "SAFETY-FIRE-EXIT");
        staysAwake("a resident is filing an appeal");
    }

    @Test
    void neverDimsAfterTheResidentChoseALanguageOnTheHomeScreen() throws InterruptedException {
        session.page().switchLanguage("en");
        staysAwake("a visit has begun, even on the home screen");
    }

    @Test
    void neverDimsDuringAStaffSessionEvenOnTheHomeScreen() throws InterruptedException {
        session.staff().logIn();
        staysAwake("staff are logged in");
        session.page().tapHome(); // the staff member looks at the home screen, still logged in
        staysAwake("staff are logged in, on the home screen");
        browser.tap("btn-staff");
        session.staff().waitForHome();
        session.staff().logOut();
        waitForDim(); // logged out: nobody's visit any more
    }
}
