package org.jinban.kiosk.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong in the kiosk's configuration, with where it is and a sentence saying what is
 * wrong and what is expected. Never carries a secret's value.
 *
 * @param file    the YAML file the key is in, or the technician's file when the key is missing
 *                or comes from elsewhere (the built-in defaults, the environment)
 * @param line    the line of the key in {@code file}, from 1; 0 when the file does not set it
 * @param key     the key's path such as {@code devices.gpio.buzzer}, or empty for a problem of
 *                the whole file (not YAML, unreadable)
 * @param message what is wrong and what is expected, e.g. {@code pin 40 is out of range; BCM pins are 2–27}
 * @param partMissing the value is well formed but names a part this machine lacks now: a device
 *                port or printer device that does not exist (a USB scanner unplugged), a backlight
 *                directory that is not there. {@code config check} reports it like any problem;
 *                the kiosk service logs it as a warning and starts without that part
 *                (docs/operations.md, section 4)
 */
public record ConfigProblem(Path file, int line, String key, String message, boolean partMissing) {

    /** A problem of the configuration itself: the kiosk does not start with it. */
    public ConfigProblem(Path file, int line, String key, String message) {
        this(file, line, key, message, false);
    }

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** {@code kiosk.yaml:12: devices.gpio.buzzer: pin 40 is out of range; BCM pins are 2–27}. */
    @Override
    public String toString() {
        return file.getFileName() + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
