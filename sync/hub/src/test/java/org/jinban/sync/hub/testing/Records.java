package org.jinban.sync.hub.testing;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.sync.protocol.Push;

/** Builders of pushed records, instead of copied JSON. */
public final class Records {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Records() {
    }

    public static Push.Record appealFiled(String trackingNo) {
        String id = UUID.randomUUID().toString();
        ObjectNode payload = NODES.objectNode()
                .put("id", id).put("trackingNo", trackingNo).put("category", "social-security")
                .put("gridCode", "370783001001").put("filedAt", "2026-11-23T08:00:00Z")
                .put("dueAt", "2026-11-30T08:00:00Z").put("verifierHash", "abc").put("identified", false)
                .put("lang", "zh-CN");
        payload.putNull("proxyStaffId");
        ObjectNode personal = NODES.objectNode().put("description", "路灯坏了").put("place", "东门")
                .put("name", "张三").put("phone", "13800138000");
        return new Push.Record(UUID.randomUUID(), "appeal.filed", id, Instant.parse("2026-11-23T08:00:00Z"),
                payload, personal);
    }

    /** An appeal.filed whose payload lacks its trackingNo. */
    public static Push.Record appealFiledWithoutTrackingNo() {
        Push.Record r = appealFiled("unused");
        ObjectNode payload = r.payload().deepCopy();
        payload.remove("trackingNo");
        return new Push.Record(r.id(), r.kind(), r.aggregateId(), r.createdAt(), payload, r.personal());
    }

    /** The resident's rating of the appeal {@code filed} carried. */
    public static Push.Record appealRated(Push.Record filed, int level, boolean followUp) {
        String appealId = filed.payload().get("id").asText();
        ObjectNode payload = NODES.objectNode().put("appealId", appealId)
                .put("trackingNo", filed.payload().get("trackingNo").asText()).put("level", level)
                .put("followUp", followUp).put("ratedAt", "2026-11-25T08:00:00Z");
        payload.putNull("followUpBy");
        return new Push.Record(UUID.randomUUID(), "appeal.rated", appealId, Instant.parse("2026-11-25T08:00:00Z"),
                payload, NODES.objectNode().put("reason", "办得快"));
    }

    public static Push.Record deviceHealth() {
        ObjectNode payload = NODES.objectNode().put("at", "2026-11-23T08:00:00Z");
        payload.putObject("devices").putObject("printer").put("state", "ok");
        return new Push.Record(UUID.randomUUID(), "device.health", null, Instant.parse("2026-11-23T08:00:00Z"),
                payload, null);
    }
}
