package org.jinban.devices.idcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdCardConfigTest {

    @Test
    void defaults() {
        IdCardConfig c = IdCardConfig.of("/dev/ttyUSB0");
        assertEquals(115_200, c.baudRate());
        assertEquals(Duration.ofMillis(500), c.stepTimeout());
    }

    @Test
    void badValuesNameTheField() {
        assertMessage("idcard.port", () -> new IdCardConfig(" ", 115200, Duration.ofMillis(500), 2));
        assertMessage("idcard.baudRate", () -> new IdCardConfig("/dev/x", 0, Duration.ofMillis(500), 2));
        assertMessage("idcard.stepTimeout", () -> new IdCardConfig("/dev/x", 115200, Duration.ZERO, 2));
        assertMessage("idcard.retries", () -> new IdCardConfig("/dev/x", 115200, Duration.ofMillis(500), -1));
    }

    private static void assertMessage(String field, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(field), x.getMessage());
    }
}
