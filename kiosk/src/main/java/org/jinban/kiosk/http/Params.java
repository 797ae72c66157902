package org.jinban.kiosk.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;

/**
 * Reads query parameters and collects every problem before failing, so one 400 names all the
 * bad fields at once.
 */
public final class Params {
    public static final List<String> LANGUAGES = List.of("zh-CN", "en");

    private final Parameters query;
    private final List<ApiException.FieldError> errors = new ArrayList<>();

    public Params(Parameters query) {
        this.query = query;
    }

    public Optional<String> string(String name) {
        return query.contains(name) ? Optional.of(query.get(name)) : Optional.empty();
    }

    /** An optional text of at most {@code maxLength} characters; blank counts as absent. */
    public Optional<String> text(String name, int maxLength) {
        Optional<String> value = string(name).filter(s -> !s.isBlank());
        if (value.isPresent() && value.get().length() > maxLength) {
            error(name, "must be at most " + maxLength + " characters, was " + value.get().length());
            return Optional.empty();
        }
        return value;
    }

    public int integer(String name, int fallback, int min, int max) {
        Optional<String> raw = string(name).filter(s -> !s.isBlank());
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value < min || value > max) {
                error(name, "must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            error(name, "must be a whole number between " + min + " and " + max);
            return fallback;
        }
    }

    /** The {@code lang} parameter: zh-CN (default) or en. */
    public String lang() {
        Optional<String> lang = string("lang").filter(s -> !s.isBlank());
        if (lang.isPresent() && !LANGUAGES.contains(lang.get())) {
            error("lang", "must be one of " + LANGUAGES);
            return LANGUAGES.getFirst();
        }
        return lang.orElse(LANGUAGES.getFirst());
    }

    public void error(String field, String message) {
        errors.add(new ApiException.FieldError(field, message));
    }

    /** Throws a 400 naming every bad field, if there is any. */
    public void check() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
