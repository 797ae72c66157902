package org.jinban.kiosk.appeal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.helidon.config.Config;
import org.jinban.kiosk.config.ConfigException;

/**
 * What filing appeals and staff sessions need to know, read once from the {@code kiosk} node.
 *
 * @param kioskNo         two digits telling this kiosk from others of its grid; part of every
 *                        tracking number, so two kiosks of one station must not share it
 * @param retention       how long personal fields stay after the central platform acknowledged
 *                        an appeal (the resident may still come back to look it up)
 * @param purgeInterval   how often the kiosk looks for appeals past their retention
 * @param staffIdle       a staff session ends after this long without a staff call
 * @param secretFile      the kiosk's secret (enrollment writes it; empty: in the data directory,
 *                        made on first start, as the demo does)
 * @param demoRoster      put the demo staff (docs/api.md) in an empty roster
 * @param lastTrackingNo  the last tracking number the centre held from this kiosk when it was
 *                        enrolled (enrollment writes it): numbering goes on past it, so a kiosk
 *                        reset and enrolled again the same day repeats no number
 */
public record AppealConfig(String kioskNo, Duration retention, Duration purgeInterval, Duration staffIdle,
                           Optional<Path> secretFile, boolean demoRoster, Optional<String> lastTrackingNo) {

    public AppealConfig {
        if (kioskNo == null || !kioskNo.matches("[0-9]{2}")) {
            throw new ConfigException("kiosk.station.kiosk-no", "must be two digits such as 01, was '" + kioskNo + "'");
        }
        within("kiosk.appeals.retention", retention, Duration.ZERO, Duration.ofDays(3650));
        within("kiosk.appeals.purge-interval", purgeInterval, Duration.ofSeconds(1), Duration.ofDays(1));
        within("kiosk.staff.idle-timeout", staffIdle, Duration.ofSeconds(10), Duration.ofHours(1));
    }

    public static AppealConfig defaults() {
        return new AppealConfig("01", Duration.ofDays(7), Duration.ofHours(1), Duration.ofMinutes(5),
                Optional.empty(), true, Optional.empty());
    }

    /** Reads {@code kiosk.station.kiosk-no}, {@code kiosk.appeals.*}, {@code kiosk.staff.*}, {@code kiosk.secret-file}. */
    public static AppealConfig from(Config root, boolean simulate) {
        Config kiosk = root.get("kiosk");
        AppealConfig d = defaults();
        return new AppealConfig(
                kiosk.get("station.kiosk-no").asString().orElse(d.kioskNo()),
                duration(kiosk, "appeals.retention", d.retention()),
                duration(kiosk, "appeals.purge-interval", d.purgeInterval()),
                duration(kiosk, "staff.idle-timeout", d.staffIdle()),
                kiosk.get("secret-file").asString().asOptional().filter(s -> !s.isBlank()).map(Path::of),
                kiosk.get("staff.demo-roster").asBoolean().orElse(simulate),
                kiosk.get("appeals.last-tracking-no").asString().asOptional().filter(s -> !s.isBlank()));
    }

    /** The secret file: the configured one, or {@code secret/kiosk.key} in the data directory. */
    public Path secretFile(Path dataDir) {
        return secretFile.orElse(dataDir.resolve("secret").resolve("kiosk.key"));
    }

    private static Duration duration(Config node, String key, Duration fallback) {
        Optional<String> raw = node.get(key).asString().asOptional();
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Duration.parse(raw.get());
        } catch (DateTimeParseException e) {
            throw new ConfigException("kiosk." + key, "must be an ISO 8601 duration such as P7D or PT5M, was '"
                    + raw.get() + "'");
        }
    }

    private static void within(String key, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + value);
        }
    }
}
