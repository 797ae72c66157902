package org.jinban.kiosk.appeal;

import java.util.List;

/** The JSON of {@code GET /api/v1/appeal-categories}: the category tree in one language. */
public final class AppealCategoryViews {
    private AppealCategoryViews() {
    }

    public record Categories(List<Domain> domains) {
    }

    public record Domain(String code, String name, List<Matter> matters) {
    }

    public record Matter(String code, String name, int dueDays, List<String> quickPhrases) {
    }

    static Categories of(List<AppealDomain> domains, String lang) {
        return new Categories(domains.stream()
                .map(d -> new Domain(d.code(), d.name().in(lang),
                        d.matters().stream().map(m -> matter(m, lang)).toList()))
                .toList());
    }

    private static Matter matter(MatterType m, String lang) {
        return new Matter(m.code(), m.name().in(lang), m.dueDays(),
                m.quickPhrases().stream().map(p -> p.in(lang)).toList());
    }
}
