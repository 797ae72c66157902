package org.jinban.kiosk.testing;

import java.util.ArrayList;
import java.util.List;

import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.HandlingLevel;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.catalog.ServiceItem;

/** Builders for catalog test data, so tests state only what they are about. */
public final class CatalogFixtures {
    private CatalogFixtures() {
    }

    public static LocalizedText text(String zh, String en) {
        return new LocalizedText(zh, en);
    }

    public static ItemBuilder item(String code, String zh, String en) {
        return new ItemBuilder(code, zh, en);
    }

    public static CatalogDocument catalog(long version, ItemBuilder... items) {
        return new CatalogDocument(CatalogDocument.FORMAT, CatalogDocument.FORMAT_VERSION, version,
                "2026-11-01T00:00:00+08:00", text("测试", "Test"),
                List.of(new CatalogDocument.Department("civil-affairs", text("民政局", "Civil Affairs Bureau")),
                        new CatalogDocument.Department("social-security",
                                text("人力资源和社会保障局", "Human Resources and Social Security Bureau"))),
                List.of(new CatalogDocument.LifeEvent("old-age", text("养老服务", "Old age")),
                        new CatalogDocument.LifeEvent("residence-id", text("户籍证件", "Residence and ID"))),
                List.of(List.of("退休", "养老"), List.of("老人", "老年人", "长者")),
                java.util.Arrays.stream(items).map(ItemBuilder::build).toList());
    }

    /** A complete, valid item; each setter changes one thing. */
    public static final class ItemBuilder {
        private final String code;
        private final LocalizedText name;
        private final List<LocalizedText> alternativeNames = new ArrayList<>();
        private final List<String> keywordsZh = new ArrayList<>();
        private final List<String> keywordsEn = new ArrayList<>();
        private final List<ServiceItem.Evidence> evidence = new ArrayList<>();
        private String department = "civil-affairs";
        private List<String> lifeEvents = List.of("old-age");
        private HandlingLevel level = HandlingLevel.COMMUNITY;
        private String processingTime = "P5D";
        private int popularity;
        private String amount = "0.00";

        ItemBuilder(String code, String zh, String en) {
            this.code = code;
            this.name = text(zh, en);
        }

        public ItemBuilder alias(String zh, String en) {
            alternativeNames.add(text(zh, en));
            return this;
        }

        public ItemBuilder keywords(String... zh) {
            keywordsZh.addAll(List.of(zh));
            return this;
        }

        public ItemBuilder englishKeywords(String... en) {
            keywordsEn.addAll(List.of(en));
            return this;
        }

        public ItemBuilder material(String zh, String en) {
            evidence.add(new ServiceItem.Evidence(text(zh, en), true, 1, null));
            return this;
        }

        public ItemBuilder department(String code) {
            this.department = code;
            return this;
        }

        public ItemBuilder lifeEvents(String... codes) {
            this.lifeEvents = List.of(codes);
            return this;
        }

        public ItemBuilder level(HandlingLevel level) {
            this.level = level;
            return this;
        }

        public ItemBuilder processingTime(String iso) {
            this.processingTime = iso;
            return this;
        }

        public ItemBuilder popularity(int popularity) {
            this.popularity = popularity;
            return this;
        }

        public ItemBuilder fee(String amount) {
            this.amount = amount;
            return this;
        }

        public ServiceItem build() {
            return new ServiceItem(code, name, alternativeNames, text(name.zh() + "的说明", "About " + name.en()),
                    department, level,
                    List.of(new ServiceItem.Channel(text("社区党群服务中心一楼", "Community centre, ground floor"),
                            text("圣城街道东关社区", "Dongguan Community"),
                            text("周一至周五 8:30-17:30", "Mon-Fri 8:30-17:30"))),
                    List.copyOf(evidence),
                    List.of(text("提交材料", "Hand in the documents"), text("领取结果", "Collect the result")),
                    new ServiceItem.Cost(amount, "CNY", null), processingTime, true, true,
                    new ServiceItem.Online(false, null), lifeEvents,
                    new ServiceItem.Keywords(List.copyOf(keywordsZh), List.copyOf(keywordsEn)), popularity);
        }
    }
}
