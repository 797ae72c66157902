package org.jinban.kiosk.screen;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

import io.helidon.config.Config;
import org.jinban.kiosk.config.ConfigException;

/**
 * How the screen rests when nobody uses it, read once from the {@code kiosk.ui} node.
 *
 * @param dimAfter  the quiet time on the home screen after which the page dims the screen;
 *                  {@link Duration#ZERO} never dims
 * @param backlight a sysfs backlight directory (holding {@code brightness} and
 *                  {@code max_brightness}, e.g. {@code /sys/class/backlight/10-0045}) that the
 *                  kiosk turns down while the page is dim; empty: the page dims with a dark
 *                  veil alone
 */
public record ScreenConfig(Duration dimAfter, Optional<Path> backlight) {
    public static final String DIM_AFTER = "kiosk.ui.dim-after";
    public static final String BACKLIGHT = "kiosk.ui.backlight";
    public static final Duration DEFAULT_DIM_AFTER = Duration.ofMinutes(2);
    private static final Duration MIN_DIM_AFTER = Duration.ofSeconds(1);
    private static final Duration MAX_DIM_AFTER = Duration.ofHours(24);

    public ScreenConfig {
        Objects.requireNonNull(backlight, "backlight");
        if (dimAfter == null || !dimAfter.isZero()
                && (dimAfter.compareTo(MIN_DIM_AFTER) < 0 || dimAfter.compareTo(MAX_DIM_AFTER) > 0)) {
            throw new ConfigException(DIM_AFTER, "must be PT0S (never dim) or between " + MIN_DIM_AFTER + " and "
                    + MAX_DIM_AFTER + ", was " + dimAfter);
        }
        backlight.ifPresent(dir -> {
            if (!dir.isAbsolute()) {
                throw new ConfigException(BACKLIGHT, "must be an absolute directory such as "
                        + "/sys/class/backlight/10-0045, was '" + dir + "'");
            }
        });
    }

    /** Dims after two minutes, with the page's veil only. */
    public static ScreenConfig defaults() {
        return new ScreenConfig(DEFAULT_DIM_AFTER, Optional.empty());
    }

    /** Never dims (tests of other things, whose pages must stay touchable however long they wait). */
    public static ScreenConfig never() {
        return new ScreenConfig(Duration.ZERO, Optional.empty());
    }

    /** Reads {@code kiosk.ui.dim-after} and {@code kiosk.ui.backlight} from the whole configuration. */
    public static ScreenConfig from(Config root) {
        Optional<String> raw = root.get(DIM_AFTER).asString().asOptional().map(String::strip);
        Duration dimAfter = DEFAULT_DIM_AFTER;
        if (raw.isPresent()) {
            try {
                dimAfter = Duration.parse(raw.get());
            } catch (DateTimeParseException e) {
                throw new ConfigException(DIM_AFTER,
                        "must be an ISO 8601 duration such as PT2M (PT0S: never dim), was '" + raw.get() + "'");
            }
        }
        Optional<String> dir = root.get(BACKLIGHT).asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
        try {
            return new ScreenConfig(dimAfter, dir.map(Path::of));
        } catch (InvalidPathException e) {
            throw new ConfigException(BACKLIGHT, "is not a path: " + e.getReason());
        }
    }

    public boolean dims() {
        return !dimAfter.isZero();
    }
}
