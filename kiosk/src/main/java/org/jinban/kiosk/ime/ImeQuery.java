package org.jinban.kiosk.ime;

import java.util.Locale;
import java.util.regex.Pattern;

import io.helidon.common.parameters.Parameters;
import org.jinban.kiosk.http.ApiException;
import org.jinban.kiosk.http.Params;

/**
 * The parameters of {@code GET /api/v1/ime/candidates}, checked.
 *
 * @param letters the typed pinyin, lower case
 * @param limit   at most this many candidates
 */
public record ImeQuery(String letters, int limit) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    /** Longer than any phrase one types before picking; 64 letters are ~15 syllables. */
    public static final int MAX_LETTERS = 64;
    private static final Pattern LETTERS = Pattern.compile("[a-zA-Z]+");

    /** @throws ApiException a 400 naming each bad parameter */
    public static ImeQuery from(Parameters query) {
        Params p = new Params(query);
        String pinyin = p.string("pinyin").orElse("");
        if (pinyin.isEmpty()) {
            p.error("pinyin", "is required: the letters typed, a-z");
        } else if (pinyin.length() > MAX_LETTERS) {
            p.error("pinyin", "must be at most " + MAX_LETTERS + " letters, was " + pinyin.length());
        } else if (!LETTERS.matcher(pinyin).matches()) {
            p.error("pinyin", "must be letters a-z only (ü is typed v)");
        }
        int limit = p.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        p.check();
        return new ImeQuery(pinyin.toLowerCase(Locale.ROOT), limit);
    }
}
