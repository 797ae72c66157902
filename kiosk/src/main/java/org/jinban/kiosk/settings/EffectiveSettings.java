package org.jinban.kiosk.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jinban.kiosk.appeal.AppealConfig;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.config.ConfigException;
import org.jinban.kiosk.config.KioskConfig;

/**
 * The settings in force: the local configuration with the central platform's values over it
 * (the {@code config} stream, docs/sync-protocol.md). The one place that knows which keys the
 * centre may set; everything that must follow a change while the kiosk runs (the page's
 * settings, receipts, staff sessions, the purge) reads through here.
 *
 * <p>Central values are checked by the same rules as local ones: they are laid over the local
 * {@link KioskConfig} and {@link AppealConfig} and those records' constructors must accept the
 * result, so a centre cannot set what a technician could not.
 */
public final class EffectiveSettings {
    public static final String STATION_NAME = "kiosk.station.name";
    public static final String IDLE_TIMEOUT = "kiosk.ui.idle-timeout";
    public static final String ELDER_IDLE_TIMEOUT = "kiosk.ui.elder-idle-timeout";
    public static final String STAFF_IDLE_TIMEOUT = "kiosk.staff.idle-timeout";
    public static final String RETENTION = "kiosk.appeals.retention";
    /** The keys the kiosk takes from the centre, and only these. */
    public static final Set<String> CENTRAL_KEYS =
            Set.of(STATION_NAME, IDLE_TIMEOUT, ELDER_IDLE_TIMEOUT, STAFF_IDLE_TIMEOUT, RETENTION);
    private static final int MAX_NAME = 64;

    private final KioskConfig localKiosk;
    private final AppealConfig localAppeals;
    private volatile Effective now;

    /**
     * The local configuration, the central values and what both give; replaced whole, so a
     * reader never sees half of a snapshot.
     *
     * @param stationName the centre's name of the station, or null: the local names
     */
    public record Effective(KioskConfig kiosk, AppealConfig appeals, String stationName, Map<String, String> central) {
    }

    /** A central value the kiosk refuses; the message names the key and why, never a value. */
    public static final class InvalidCentralValue extends RuntimeException {
        public InvalidCentralValue(String message) {
            super(message);
        }
    }

    public EffectiveSettings(KioskConfig localKiosk, AppealConfig localAppeals) {
        this.localKiosk = localKiosk;
        this.localAppeals = localAppeals;
        this.now = new Effective(localKiosk, localAppeals, null, Map.of());
    }

    /**
     * What {@code central} would give over the local configuration, checked whole: an unknown key
     * or a bad value refuses all of it.
     *
     * @throws InvalidCentralValue naming the first key that is wrong
     */
    public Effective check(Map<String, String> central) {
        for (String key : new TreeMap<>(central).keySet()) {
            if (!CENTRAL_KEYS.contains(key)) {
                throw new InvalidCentralValue("'" + key + "' is not a key the kiosk takes from the centre");
            }
            if (central.get(key) == null) {
                throw new InvalidCentralValue("'" + key + "' must be a string");
            }
        }
        String name = central.get(STATION_NAME);
        if (name != null && (name.isBlank() || name.length() > MAX_NAME || name.strip().length() != name.length())) {
            throw new InvalidCentralValue("'" + STATION_NAME + "' must be 1 to " + MAX_NAME
                    + " characters without leading or trailing spaces");
        }
        KioskConfig k = localKiosk;
        AppealConfig a = localAppeals;
        try {
            k = new KioskConfig(k.dataDir(), k.stationNameZh(), k.stationNameEn(), k.gridCode(), k.webRoot(),
                    k.defaultLanguage(), duration(central, IDLE_TIMEOUT, k.idleTimeout()),
                    duration(central, ELDER_IDLE_TIMEOUT, k.elderIdleTimeout()), k.catalogSeed());
            a = new AppealConfig(a.kioskNo(), duration(central, RETENTION, a.retention()), a.purgeInterval(),
                    duration(central, STAFF_IDLE_TIMEOUT, a.staffIdle()), a.secretFile(), a.demoRoster(), a.lastTrackingNo());
        } catch (ConfigException e) {
            throw new InvalidCentralValue(e.getMessage());
        }
        return new Effective(k, a, name, Map.copyOf(central));
    }

    /** Puts {@code effective} (from {@link #check}) in force. */
    public void use(Effective effective) {
        this.now = effective;
    }

    /** The central values in force, by key (empty: only the local configuration). */
    public Map<String, String> central() {
        return now.central();
    }

    /** The station's name: the centre's in both languages when it set one (it sets one name). */
    public LocalizedText stationName() {
        Effective e = now;
        return e.stationName() == null ? new LocalizedText(e.kiosk().stationNameZh(), e.kiosk().stationNameEn())
                : new LocalizedText(e.stationName(), e.stationName());
    }

    public KioskConfig kiosk() {
        return now.kiosk();
    }

    public Duration idleTimeout() {
        return now.kiosk().idleTimeout();
    }

    public Duration elderIdleTimeout() {
        return now.kiosk().elderIdleTimeout();
    }

    public Duration staffIdle() {
        return now.appeals().staffIdle();
    }

    public Duration retention() {
        return now.appeals().retention();
    }

    /** For the log: which keys the centre sets, not their values. */
    @Override
    public String toString() {
        return "EffectiveSettings[central keys=" + List.copyOf(new TreeMap<>(now.central()).keySet()) + "]";
    }

    private static Duration duration(Map<String, String> central, String key, Duration local) {
        String raw = central.get(key);
        if (raw == null) {
            return local;
        }
        try {
            return Duration.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidCentralValue("'" + key + "' must be an ISO 8601 duration such as PT60S");
        }
    }
}
