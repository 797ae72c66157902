package org.jinban.kiosk.config;

/**
 * A configuration value that the kiosk cannot start with. The message names the key and says why.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String key, String why) {
        super("configuration key '" + key + "': " + why);
    }
}
