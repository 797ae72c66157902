package org.jinban.kiosk.appeal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jinban.kiosk.http.ApiException.FieldError;
import org.jinban.kiosk.identity.CardHolder;
import org.jinban.kiosk.identity.CardIdentities;

/**
 * Checks every field of an appeal and names each one that is wrong, so the page can put each
 * message on the step it belongs to. The messages are for people; the page has its own words
 * in both languages keyed by field, and these are the fallback.
 */
public final class AppealValidator {
    public static final int MAX_DESCRIPTION = 2_000;
    public static final int MAX_PLACE = 200;
    /** Mainland mobile: 1, then 3–9, then nine digits. */
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    /** Landline: 0, a two- or three-digit area code, a seven- or eight-digit number. */
    private static final Pattern LANDLINE = Pattern.compile("0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}");

    private final AppealCategories categories;
    private final CardIdentities cards;

    public AppealValidator(AppealCategories categories, CardIdentities cards) {
        this.categories = categories;
        this.cards = cards;
    }

    /** What was wrong, field by field; empty when {@link #accept} will succeed. */
    public sealed interface Result permits Accepted, Refused {
    }

    public record Accepted(NewAppeal appeal) implements Result {
    }

    public record Refused(List<FieldError> errors) implements Result {
    }

    /**
     * @param proxyStaffId the staff member filing on the resident's behalf, or null for a
     *                     resident's own appeal: then the ID card and the resident's consent
     *                     to proxy handling are required
     */
    public Result check(AppealRequest r, String proxyStaffId) {
        List<FieldError> errors = new ArrayList<>();
        String id = r.id();
        if (id == null || id.isBlank()) {
            id = UUID.randomUUID().toString();
        } else if (!uuid(id)) {
            errors.add(new FieldError("id", "must be a UUID such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
        }
        Optional<MatterType> matter = Optional.empty();
        if (r.category() == null || r.category().isBlank()) {
            errors.add(new FieldError("category", "is required: choose what the appeal is about"));
        } else {
            matter = r.category().length() > 64 ? Optional.empty() : categories.matter(r.category());
            if (matter.isEmpty()) {
                errors.add(new FieldError("category", "is not a known matter type; see /api/v1/appeal-categories"));
            }
        }
        String description = r.description() == null ? "" : r.description().strip();
        if (description.isEmpty()) {
            errors.add(new FieldError("description", "is required: describe the problem in a few words"));
        } else if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters, was "
                    + description.codePointCount(0, description.length())));
        } else {
            textProblem(description, true).ifPresent(p -> errors.add(new FieldError("description", p)));
        }
        String phone = phone(r.phone(), errors);
        String place = r.place() == null ? "" : r.place().strip();
        if (place.codePointCount(0, place.length()) > MAX_PLACE) {
            errors.add(new FieldError("place", "must be at most " + MAX_PLACE + " characters"));
        } else if (!place.isEmpty()) {
            textProblem(place, false).ifPresent(p -> errors.add(new FieldError("place", p)));
        }
        CardHolder holder = null;
        if (r.cardToken() != null && !r.cardToken().isBlank()) {
            holder = cards.find(r.cardToken()).orElse(null);
            if (holder == null) {
                errors.add(new FieldError("cardToken", "the ID card reading has expired; place the card again"));
            }
        } else if (proxyStaffId != null) {
            errors.add(new FieldError("cardToken", "is required for proxy handling: read the resident's ID card"));
        }
        if (!Boolean.TRUE.equals(r.consent())) {
            errors.add(new FieldError("consent", "must be true: the resident has to agree to the consent statement"));
        }
        if (proxyStaffId != null && !Boolean.TRUE.equals(r.residentConsent())) {
            errors.add(new FieldError("residentConsent",
                    "must be true: the resident has to agree that staff file on their behalf"));
        }
        String lang = r.lang() == null ? "zh-CN" : r.lang();
        if (!lang.equals("zh-CN") && !lang.equals("en")) {
            errors.add(new FieldError("lang", "must be one of [zh-CN, en]"));
        }
        if (!errors.isEmpty()) {
            return new Refused(errors);
        }
        return new Accepted(new NewAppeal(id, matter.orElseThrow(), description, phone, holder,
                place.isEmpty() ? null : place, lang, proxyStaffId));
    }

    private static String phone(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String compact = raw.strip().replace(" ", "");
        if (compact.startsWith("+86")) {
            compact = compact.substring(3);
        }
        String mobile = compact.replace("-", "");
        if (MOBILE.matcher(mobile).matches()) {
            return mobile;
        }
        if (LANDLINE.matcher(compact).matches()) {
            return compact;
        }
        errors.add(new FieldError("phone",
                "must be a mainland mobile number (11 digits, e.g. 13812345678) or a landline with its area code"
                        + " (e.g. 0536-1234567)"));
        return null;
    }

    /** Control characters (line breaks allowed where {@code multiline}) and broken text are refused. */
    static Optional<String> textProblem(String text, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isSurrogate(ch)) {
                boolean paired = Character.isHighSurrogate(ch) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return Optional.of("contains a broken character (an unpaired surrogate)");
                }
                i++;
                continue;
            }
            if (multiline && (ch == '\n' || ch == '\r' || ch == '\t')) {
                continue;
            }
            if (Character.getType(ch) == Character.CONTROL || ch == '\u2028' || ch == '\u2029') {
                return Optional.of(String.format("must not contain control characters (found U+%04X)", (int) ch));
            }
        }
        return Optional.empty();
    }

    private static boolean uuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(s).toString().equals(s.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
