package org.jinban.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jinban.kiosk.catalog.CatalogDocument;
import org.jinban.kiosk.catalog.LocalizedText;
import org.jinban.kiosk.catalog.ServiceItem;

/**
 * Grows the demo catalog to any size with believable names: each generated item is a demo
 * item with a qualifier and an action added ("个人" + "居住证申领" + "变更"), so the characters,
 * pinyin and English words keep the shape of a real service list.
 */
final class CatalogGenerator {
    private static final String[][] QUALIFIERS = {
            {"个人", "Individual"}, {"企业", "Enterprise"}, {"农村", "Rural"}, {"城镇", "Urban"},
            {"特殊", "Special"}, {"临时", "Temporary"}, {"年度", "Annual"}, {"跨区", "Cross-district"},
            {"集体", "Collective"}, {"家庭", "Household"}, {"外来", "Non-local"}, {"涉外", "Foreign-related"}};
    private static final String[][] ACTIONS = {
            {"变更", "change"}, {"注销", "cancellation"}, {"补办", "reissue"}, {"续期", "renewal"},
            {"查询", "enquiry"}, {"年审", "annual review"}, {"证明", "certificate"}, {"备案", "filing"},
            {"复核", "review"}, {"预约", "appointment"}, {"咨询", "advice"}, {"延期", "extension"}};

    private CatalogGenerator() {
    }

    static CatalogDocument grow(CatalogDocument demo, int size, long seed) {
        Random random = new Random(seed);
        List<ServiceItem> items = new ArrayList<>(size);
        items.addAll(demo.items());
        int n = 0;
        while (items.size() < size) {
            ServiceItem base = demo.items().get(n % demo.items().size());
            String[] q = QUALIFIERS[random.nextInt(QUALIFIERS.length)];
            String[] a = ACTIONS[random.nextInt(ACTIONS.length)];
            LocalizedText name = new LocalizedText(q[0] + base.name().zh() + a[0],
                    q[1] + " " + base.name().en().toLowerCase() + " " + a[1]);
            items.add(new ServiceItem(base.code() + "-G" + n, name, base.alternativeNames(), base.description(),
                    base.competentAuthority(), base.handlingLevel(), base.channels(), base.requiredEvidence(),
                    base.steps(), base.cost(), base.processingTime(), base.processingTimeWorkingDays(),
                    base.proxyHandling(), base.online(), base.lifeEvents(), base.keywords(), random.nextInt(100)));
            n++;
        }
        return new CatalogDocument(demo.format(), demo.formatVersion(), demo.version(), demo.issuedAt(),
                demo.publisher(), demo.departments(), demo.lifeEvents(), demo.synonyms(), items);
    }
}
