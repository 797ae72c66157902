package org.jinban.sync.hub.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builders of catalog documents (docs/catalog-format.md), instead of copied JSON. */
public final class Catalogs {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Catalogs() {
    }

    /** A catalog of {@code version} with one department, one life event and {@code items}. */
    public static ObjectNode document(long version, ObjectNode... items) {
        ObjectNode doc = NODES.objectNode()
                .put("format", "jinban-catalog").put("formatVersion", 1).put("version", version)
                .put("issuedAt", "2026-11-0" + Math.min(9, version) + "T00:00:00+08:00");
        doc.set("publisher", text("寿光市行政审批服务局", "Shouguang Administrative Approval Bureau"));
        doc.putArray("departments").addObject().put("code", "civil-affairs")
                .set("name", text("民政局", "Civil Affairs Bureau"));
        doc.putArray("lifeEvents").addObject().put("code", "old-age").set("name", text("养老服务", "Old age"));
        doc.putArray("synonyms").addArray().add("退休").add("养老");
        ArrayNode list = doc.putArray("items");
        for (ObjectNode item : items) {
            list.add(item);
        }
        return doc;
    }

    /** An item with every required field. */
    public static ObjectNode item(String code, String nameZh) {
        ObjectNode item = NODES.objectNode().put("code", code);
        item.set("name", text(nameZh, "Item " + code));
        item.set("description", text(nameZh + "的办理说明", "How to apply for " + code));
        item.put("competentAuthority", "civil-affairs").put("handlingLevel", "STREET");
        item.putArray("channels").addObject().<ObjectNode>set("place", text("便民服务站", "Service station"))
                .<ObjectNode>set("address", text("东城街道1号", "1 Dongcheng St"))
                .set("hours", text("工作日 9:00-17:00", "Weekdays 9:00-17:00"));
        item.putArray("requiredEvidence").addObject().<ObjectNode>set("name", text("居民身份证", "ID card"))
                .put("original", true).put("copies", 1);
        item.putArray("steps").add(text("提交材料", "Hand in the papers"));
        item.putObject("cost").put("amount", "0.00").put("currency", "CNY");
        item.put("processingTime", "P5D").put("processingTimeWorkingDays", true).put("proxyHandling", true);
        item.putObject("online").put("available", false);
        item.putArray("lifeEvents").add("old-age");
        ObjectNode keywords = item.putObject("keywords");
        keywords.putArray("zh-CN").add("老年");
        keywords.putArray("en").add("senior");
        return item;
    }

    private static ObjectNode text(String zh, String en) {
        return NODES.objectNode().put("zh-CN", zh).put("en", en);
    }
}
