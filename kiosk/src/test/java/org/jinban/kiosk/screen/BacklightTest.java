package org.jinban.kiosk.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jinban.kiosk.testing.CapturedLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backlight through a temporary directory laid out like a sysfs backlight. */
class BacklightTest {
    @TempDir
    Path dir;

    private Path sysfs(String max, String brightness) throws IOException {
        Path d = Files.createDirectories(dir.resolve("10-0045"));
        if (max != null) {
            Files.writeString(d.resolve("max_brightness"), max + "\n");
        }
        if (brightness != null) {
            Files.writeString(d.resolve("brightness"), brightness + "\n");
        }
        return d;
    }

    private static Backlight of(Path d) {
        return Backlight.start(new ScreenConfig(Duration.ofMinutes(2), Optional.of(d)));
    }

    private static String brightness(Path d) throws IOException {
        return Files.readString(d.resolve("brightness"));
    }

    @Test
    void startsAwakeThenDimsToAFifthAndWakesToTheMaximum() throws IOException {
        Path d = sysfs("255", "40");
        Backlight b = of(d);
        assertEquals("255\n", brightness(d), "a restarted kiosk never leaves the screen dark");
        assertEquals(ScreenState.AWAKE, b.state());

        Backlight.Result dim = b.set(ScreenState.DIM);
        assertEquals(new Backlight.Result(ScreenState.DIM, Backlight.Outcome.SET, 51), dim);
        assertEquals("51\n", brightness(d));
        assertEquals(ScreenState.DIM, b.state());

        b.set(ScreenState.AWAKE);
        assertEquals("255\n", brightness(d));
    }

    @Test
    void aSmallRangeNeverGoesBlackAndStaysWithinTheMaximum() throws IOException {
        Path d = sysfs("3", "3");
        Backlight b = of(d);
        assertEquals(1, b.set(ScreenState.DIM).brightness());
        assertEquals("1\n", brightness(d));
        assertEquals(3, b.set(ScreenState.AWAKE).brightness());
        assertEquals(7, Backlight.clamp(7, 7));
        assertEquals(7, Backlight.clamp(9, 7));
        assertEquals(0, Backlight.clamp(-1, 7));
    }

    @Test
    void withoutABacklightOnlyTheStateChanges() {
        Backlight b = Backlight.start(ScreenConfig.defaults());
        assertEquals(new Backlight.Result(ScreenState.DIM, Backlight.Outcome.NONE, -1), b.set(ScreenState.DIM));
        assertEquals(ScreenState.DIM, b.state());
    }

    @Test
    void aMissingBacklightIsLoggedOnceAndNeverCreated() throws IOException {
        Path d = dir.resolve("no-such-backlight");
        try (CapturedLogs logs = CapturedLogs.of(Backlight.class)) {
            Backlight b = of(d);
            assertEquals(Backlight.Outcome.UNAVAILABLE, b.set(ScreenState.DIM).backlight());
            assertEquals(Backlight.Outcome.UNAVAILABLE, b.set(ScreenState.AWAKE).backlight());
            assertEquals(Backlight.Outcome.UNAVAILABLE, b.set(ScreenState.DIM).backlight());
            assertEquals(ScreenState.DIM, b.state(), "the page's state is kept even without a backlight");
            long warnings = logs.lines().stream().filter(l -> l.startsWith("WARN")).count();
            assertEquals(1, warnings, logs.all());
            assertTrue(logs.all().contains("max_brightness"), logs.all());
        }
        assertFalse(Files.exists(d), "nothing is created where no backlight is");
    }

    @Test
    void aBrightnessFileThatIsMissingIsNotCreated() throws IOException {
        Path d = sysfs("255", null);
        Backlight b = of(d);
        assertEquals(Backlight.Outcome.UNAVAILABLE, b.set(ScreenState.DIM).backlight());
        assertFalse(Files.exists(d.resolve("brightness")));
    }

    @Test
    void aBrightnessThatCannotBeWrittenIsLoggedOnceUntilItWorksAgain() throws IOException {
        // A directory in place of the file: unwritable even for root, who runs these tests in CI.
        Path d = sysfs("100", null);
        Files.createDirectory(d.resolve("brightness"));
        try (CapturedLogs logs = CapturedLogs.of(Backlight.class)) {
            Backlight b = of(d);
            for (int i = 0; i < 5; i++) {
                assertEquals(Backlight.Outcome.UNAVAILABLE, b.set(i % 2 == 0 ? ScreenState.DIM : ScreenState.AWAKE)
                        .backlight());
            }
            assertEquals(1, logs.lines().stream().filter(l -> l.contains("cannot write")).count(), logs.all());

            Files.delete(d.resolve("brightness"));
            Files.writeString(d.resolve("brightness"), "100\n");
            assertEquals(20, b.set(ScreenState.DIM).brightness());
            assertEquals("20\n", brightness(d));
            assertTrue(logs.all().contains("works again"), logs.all());
        }
    }

    @Test
    void aMaximumThatIsNotANumberIsUnavailable() throws IOException {
        Path d = sysfs("bright", "7");
        Backlight b = of(d);
        assertEquals(Backlight.Outcome.UNAVAILABLE, b.set(ScreenState.DIM).backlight());
        assertEquals("7\n", brightness(d));
        Files.writeString(d.resolve("max_brightness"), "0\n");
        assertEquals(Backlight.Outcome.UNAVAILABLE, b.set(ScreenState.DIM).backlight());
        assertEquals("7\n", brightness(d));
    }
}
