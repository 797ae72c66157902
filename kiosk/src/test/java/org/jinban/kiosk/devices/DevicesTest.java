package org.jinban.kiosk.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jinban.devices.DeviceStatus;
import org.jinban.kiosk.events.EventHub;
import org.junit.jupiter.api.Test;

/** The simulated devices behind the kiosk: states, the status LEDs, and the test page. */
class DevicesTest {

    @Test
    void theStatusLedIsRedWhileADeviceIsOfflineAndGreenAgainAfter() {
        try (Devices devices = Devices.start(DeviceConfig.simulated(), new EventHub())) {
            Devices.Simulator sim = devices.simulator().orElseThrow();
            assertEquals(List.of(true, false, false), devices.leds(), "ready");
            sim.printer(true, null, null, null);
            assertEquals(DeviceStatus.State.OFFLINE, devices.states().get("printer").state());
            assertEquals("paper end", devices.states().get("printer").reason());
            assertEquals(List.of(false, false, true), devices.leds(), "fault");
            assertTrue(sim.printTestPage().isPresent(), "no test page without paper");
            sim.printer(false, null, null, null);
            assertEquals(List.of(true, false, false), devices.leds(), "ready again");
            assertEquals(java.util.Optional.empty(), sim.printTestPage());
            assertEquals(1, sim.receipts().size());
        }
    }

    @Test
    void aPrinterThatNeverAnswersIsUnknownNotOk() {
        try (Devices devices = Devices.start(DeviceConfig.simulated(), new EventHub())) {
            devices.simulator().orElseThrow().printer(null, null, null, false);
            assertEquals(DeviceStatus.State.UNKNOWN, devices.states().get("printer").state());
        }
    }
}
