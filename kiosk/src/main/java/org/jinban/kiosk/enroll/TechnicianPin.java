package org.jinban.kiosk.enroll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import org.jinban.kiosk.staff.PinHasher;

/**
 * The technician PIN, kept only as a PBKDF2 hash ({@link PinHasher}'s format) in a file that
 * {@code jinban-provision technician-pin} writes owner-only in the secrets' directory. Read at
 * every check, so that a PIN set or changed while the kiosk runs counts at once. The PIN itself
 * is never stored, logged or answered.
 */
public final class TechnicianPin {
    private final Optional<Path> file;
    private final PinHasher hasher;

    public TechnicianPin(Optional<Path> file, PinHasher hasher) {
        this.file = file;
        this.hasher = hasher;
    }

    /** The stored hash, if a well-formed one is there. */
    private Optional<String> stored() {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file.get(), StandardCharsets.US_ASCII).strip();
            return PinHasher.wellFormed(text) ? Optional.of(text) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable counts as unset: the screen says how to set one
        }
    }

    public boolean isSet() {
        return stored().isPresent();
    }

    /** True if {@code pin} is the technician PIN; false if it is not or none is set. */
    public boolean matches(String pin) {
        return stored().map(hash -> hasher.verify(pin, hash)).orElse(false);
    }

    /** Where the hash is kept (for the messages that say how to set one). */
    public Optional<Path> file() {
        return file;
    }

    /** The stored form of a new PIN, for the CLI that writes the file. */
    public static String hash(String pin) {
        return new PinHasher().hash(pin);
    }
}
