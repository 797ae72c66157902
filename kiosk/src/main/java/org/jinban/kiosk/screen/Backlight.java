package org.jinban.kiosk.screen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screen's backlight through Linux sysfs ({@code /sys/class/backlight/NAME}): {@code brightness}
 * is written, {@code max_brightness} read. Dim is a fifth of the maximum (at least 1, so the
 * screen never goes black: a resident must still see it is on), awake the maximum.
 *
 * <p>The backlight is a comfort, never a reason to fail: a missing directory, a file the service
 * user may not write, a value that is not a number — each is logged once (until it works again)
 * and the page dims with its own veil as it would without a backlight. The same rule as at
 * start: a backlight directory that is not there is a missing part, which {@code config check}
 * reports and the service only warns of ({@code ConfigProblem#partMissing}).
 */
public final class Backlight {
    static final int DIM_PERCENT = 20;
    private static final Logger LOG = LoggerFactory.getLogger(Backlight.class);

    private final Optional<Path> dir;
    private ScreenState state = ScreenState.AWAKE;
    private String complaint; // the last problem logged, until a write works again

    /** What setting the screen did to the backlight. */
    public enum Outcome {
        /** No backlight is configured: the page's veil is all there is. */
        NONE,
        /** {@code brightness} was written. */
        SET,
        /** A backlight is configured but could not be set (logged once). */
        UNAVAILABLE
    }

    /** A state and what became of the backlight; {@code brightness} is -1 unless it was set. */
    public record Result(ScreenState state, Outcome backlight, int brightness) {
    }

    private Backlight(Optional<Path> dir) {
        this.dir = dir;
    }

    /**
     * The backlight {@code config} names, set to awake: a kiosk that stopped while the screen was
     * dim must not leave it dark.
     */
    public static Backlight start(ScreenConfig config) {
        Backlight backlight = new Backlight(config.backlight());
        config.backlight().ifPresent(d -> LOG.info("screen: backlight {}", d));
        backlight.set(ScreenState.AWAKE);
        return backlight;
    }

    public synchronized ScreenState state() {
        return state;
    }

    /** Puts the screen in {@code wanted}; never throws for the backlight's sake. */
    public synchronized Result set(ScreenState wanted) {
        state = wanted;
        if (dir.isEmpty()) {
            return new Result(wanted, Outcome.NONE, -1);
        }
        Path brightness = dir.get().resolve("brightness");
        Path maxFile = dir.get().resolve("max_brightness");
        int max;
        try {
            max = Integer.parseInt(Files.readString(maxFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return unavailable("cannot read " + maxFile + " (" + describe(e) + ")");
        }
        if (max <= 0) {
            return unavailable(maxFile + " says " + max + ": nothing to dim");
        }
        int value = clamp(wanted == ScreenState.AWAKE ? max : Math.max(1, Math.round(max * DIM_PERCENT / 100f)), max);
        try {
            // WRITE without CREATE: a sysfs attribute exists or the backlight is not there; never
            // leave a stray file behind in a directory that is not a backlight.
            Files.writeString(brightness, value + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            return unavailable("cannot write " + brightness + " (" + describe(e) + ")");
        }
        if (complaint != null) {
            LOG.info("screen: backlight {} works again", dir.get());
            complaint = null;
        }
        return new Result(wanted, Outcome.SET, value);
    }

    static int clamp(int value, int max) {
        return Math.max(0, Math.min(value, max));
    }

    private Result unavailable(String problem) {
        if (!problem.equals(complaint)) {
            LOG.warn("screen: {}; the page dims the screen without the backlight", problem);
            complaint = problem;
        }
        return new Result(state, Outcome.UNAVAILABLE, -1);
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied; see docs/operations.md, section 6";
        }
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
