package org.jinban.kiosk.catalog;

import java.math.BigDecimal;
import java.util.List;

/** The JSON the API answers with: catalog data in one language, ready to show. */
public final class CatalogViews {
    private CatalogViews() {
    }

    public record Named(String code, String name) {
    }

    public record NamedCount(String code, String name, int itemCount) {
    }

    public record Time(String iso, boolean workingDays, String text) {
        static Time of(ProcessingTime t, String lang) {
            return new Time(t.iso(), t.workingDays(), t.text(lang));
        }
    }

    public record Summary(String code, String name, Named department, String handlingLevel, String handlingLevelText,
                          Time processingTime, boolean proxyHandling, boolean onlineAvailable, String matchedIn) {
        public static Summary of(ItemSummary s, String lang) {
            return new Summary(s.code(), s.name().in(lang), new Named(s.departmentCode(), s.departmentName().in(lang)),
                    s.handlingLevel().name(), s.handlingLevel().label().in(lang), Time.of(s.processingTime(), lang),
                    s.proxyHandling(), s.onlineAvailable(), s.matchedIn());
        }
    }

    /** {@code total} is exact when {@code totalExact}; otherwise there are at least that many. */
    public record SearchResult(String query, int total, boolean totalExact, int limit, int offset,
                               List<Summary> items) {
    }

    public record Channel(String place, String address, String hours) {
    }

    public record Evidence(String name, boolean original, int copies, String note) {
    }

    public record Cost(String amount, String currency, boolean free, String text) {
        static Cost of(ServiceItem.Cost c, String lang) {
            BigDecimal amount = new BigDecimal(c.amount());
            boolean free = amount.signum() == 0;
            String text;
            if (free) {
                text = "en".equals(lang) ? "Free" : "免费";
            } else if ("CNY".equals(c.currency())) {
                text = "en".equals(lang) ? "CNY " + c.amount() : c.amount() + "元";
            } else {
                text = c.currency() + " " + c.amount();
            }
            if (c.note() != null) {
                text = text + ("en".equals(lang) ? " (" + c.note().en() + ")" : "（" + c.note().zh() + "）");
            }
            return new Cost(c.amount(), c.currency(), free, text);
        }
    }

    public record Online(boolean available, String channel) {
    }

    public record Detail(String code, String name, List<String> alternativeNames, String description, Named department,
                         String handlingLevel, String handlingLevelText, List<Channel> channels,
                         List<Evidence> requiredEvidence, List<String> steps, Cost cost, Time processingTime,
                         boolean proxyHandling, Online online, List<Named> lifeEvents, long catalogVersion) {

        public static Detail of(CatalogStore.ItemWithNames stored, String lang) {
            ServiceItem it = stored.item();
            return new Detail(it.code(), it.name().in(lang),
                    it.alternativeNames().stream().map(n -> n.in(lang)).toList(),
                    it.description().in(lang),
                    new Named(it.competentAuthority(), stored.department().in(lang)),
                    it.handlingLevel().name(), it.handlingLevel().label().in(lang),
                    it.channels().stream()
                            .map(c -> new Channel(c.place().in(lang), c.address().in(lang), c.hours().in(lang)))
                            .toList(),
                    it.requiredEvidence().stream()
                            .map(e -> new Evidence(e.name().in(lang), e.original(), e.copies(),
                                    e.note() == null ? null : e.note().in(lang)))
                            .toList(),
                    it.steps().stream().map(s -> s.in(lang)).toList(),
                    Cost.of(it.cost(), lang),
                    Time.of(ProcessingTime.parse(it.processingTime(), it.processingTimeWorkingDays()), lang),
                    it.proxyHandling(),
                    new Online(it.online().available(),
                            it.online().channel() == null ? null : it.online().channel().in(lang)),
                    it.lifeEvents().stream()
                            .map(code -> new Named(code, stored.lifeEvents().containsKey(code)
                                    ? stored.lifeEvents().get(code).in(lang) : code))
                            .toList(),
                    stored.catalogVersion());
        }
    }

    public record Departments(List<NamedCount> departments) {
    }

    public record LifeEvents(List<NamedCount> lifeEvents) {
    }

    static List<NamedCount> named(List<CatalogGroup> groups, String lang) {
        return groups.stream().map(g -> new NamedCount(g.code(), g.name().in(lang), g.itemCount())).toList();
    }
}
