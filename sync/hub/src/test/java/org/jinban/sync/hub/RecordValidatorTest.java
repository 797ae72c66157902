package org.jinban.sync.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jinban.sync.hub.testing.Records;
import org.jinban.sync.protocol.Push;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {
    private static Push.Record record(String kind, ObjectNode payload) {
        return new Push.Record(UUID.randomUUID(), kind, null, Instant.EPOCH, payload, null);
    }

    @Test
    void validRecordsPass() {
        assertTrue(RecordValidator.problem(Records.appealFiled("T-1")).isEmpty());
        assertTrue(RecordValidator.problem(Records.deviceHealth()).isEmpty());
        ObjectNode rated = JsonNodeFactory.instance.objectNode().put("appealId", UUID.randomUUID().toString())
                .put("trackingNo", "T-1").put("level", 5);
        assertTrue(RecordValidator.problem(record("appeal.rated", rated)).isEmpty());
        ObjectNode audit = JsonNodeFactory.instance.objectNode().put("seq", 3).put("action", "appeal.filed").put("hash", "h");
        assertTrue(RecordValidator.problem(record("audit.appended", audit)).isEmpty());
    }

    @Test
    void eachProblemIsNamed() {
        assertEquals("payload.trackingNo is required",
                RecordValidator.problem(Records.appealFiledWithoutTrackingNo()).orElseThrow());
        ObjectNode badDue = Records.appealFiled("T").payload().deepCopy().put("dueAt", "soon");
        assertEquals("payload.dueAt must be an ISO 8601 instant",
                RecordValidator.problem(record("appeal.filed", badDue)).orElseThrow());
        assertTrue(RecordValidator.problem(record("weather.report", JsonNodeFactory.instance.objectNode()))
                .orElseThrow().startsWith("unknown record kind"));
        assertFalse(RecordValidator.problem(record("device.health", JsonNodeFactory.instance.objectNode())).isEmpty());
    }

    @Test
    void aReasonNeverQuotesPersonalData() {
        Push.Record r = Records.appealFiledWithoutTrackingNo();
        assertFalse(RecordValidator.problem(r).orElseThrow().contains("张三"));
    }
}
