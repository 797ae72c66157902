package org.jinban.kiosk.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;

/**
 * The kiosk's own settings, read once from Helidon {@link Config} at start and validated there.
 *
 * @param dataDir          where the kiosk keeps its SQLite file; created if missing
 * @param stationNameZh    the station's name as shown on the home screen, in Chinese
 * @param stationNameEn    the same in English
 * @param gridCode         the unified code of the grid the station serves (网格编码)
 * @param webRoot          the directory of the touch page (ui-web), or empty to serve no page
 * @param defaultLanguage  the language the page starts in and returns to when idle
 * @param idleTimeout      how long the page waits without a touch before it returns home
 * @param elderIdleTimeout the same in elderly mode (老人模式), which must be longer
 * @param catalogSeed      the catalog file imported when the database holds an older version:
 *                         {@code classpath:...} or a file path
 */
public record KioskConfig(Path dataDir,
                          String stationNameZh,
                          String stationNameEn,
                          String gridCode,
                          Optional<Path> webRoot,
                          String defaultLanguage,
                          Duration idleTimeout,
                          Duration elderIdleTimeout,
                          String catalogSeed) {

    public static final Set<String> LANGUAGES = Set.of("zh-CN", "en");
    private static final Duration MIN_IDLE = Duration.ofSeconds(1);
    private static final Duration MAX_IDLE = Duration.ofHours(1);

    public KioskConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(webRoot, "webRoot");
        requireText("kiosk.station.name-zh", stationNameZh);
        requireText("kiosk.station.name-en", stationNameEn);
        if (gridCode == null || !gridCode.matches("[0-9A-Za-z]{6,32}")) {
            throw new ConfigException("kiosk.station.grid-code",
                    "must be 6 to 32 letters or digits (the unified grid code), was '" + gridCode + "'");
        }
        if (!LANGUAGES.contains(defaultLanguage)) {
            throw new ConfigException("kiosk.ui.default-language",
                    "must be one of " + LANGUAGES + ", was '" + defaultLanguage + "'");
        }
        requireBetween("kiosk.ui.idle-timeout", idleTimeout);
        requireBetween("kiosk.ui.elder-idle-timeout", elderIdleTimeout);
        if (elderIdleTimeout.compareTo(idleTimeout) < 0) {
            throw new ConfigException("kiosk.ui.elder-idle-timeout",
                    "must not be shorter than kiosk.ui.idle-timeout (" + idleTimeout
                            + "): elderly mode gives more time, never less");
        }
        webRoot.ifPresent(root -> {
            if (!Files.isRegularFile(root.resolve("index.html"))) {
                throw new ConfigException("kiosk.ui.web-root",
                        "no index.html in '" + root + "'; point it at the ui-web page directory");
            }
        });
        requireText("kiosk.catalog.seed", catalogSeed);
    }

    /** Reads the {@code kiosk} node of the configuration. */
    public static KioskConfig from(Config root) {
        Config kiosk = root.get("kiosk");
        return new KioskConfig(
                Path.of(string(kiosk, "data-dir", "./data")),
                string(kiosk, "station.name-zh", null),
                string(kiosk, "station.name-en", null),
                string(kiosk, "station.grid-code", null),
                kiosk.get("ui.web-root").asString().asOptional().filter(s -> !s.isBlank()).map(Path::of),
                string(kiosk, "ui.default-language", "zh-CN"),
                duration(kiosk, "ui.idle-timeout", Duration.ofSeconds(60)),
                duration(kiosk, "ui.elder-idle-timeout", Duration.ofSeconds(180)),
                string(kiosk, "catalog.seed", "classpath:catalog/demo-catalog.json"));
    }

    private static String string(Config node, String key, String fallback) {
        return node.get(key).asString().orElse(fallback);
    }

    private static Duration duration(Config node, String key, Duration fallback) {
        Optional<String> raw = node.get(key).asString().asOptional();
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Duration.parse(raw.get());
        } catch (DateTimeParseException e) {
            throw new ConfigException("kiosk." + key,
                    "must be an ISO 8601 duration such as PT60S, was '" + raw.get() + "'");
        }
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "is required and must not be blank");
        }
    }

    private static void requireBetween(String key, Duration value) {
        if (value == null || value.compareTo(MIN_IDLE) < 0 || value.compareTo(MAX_IDLE) > 0) {
            throw new ConfigException(key, "must be between " + MIN_IDLE + " and " + MAX_IDLE + ", was " + value);
        }
    }
}
