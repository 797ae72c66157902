package org.jinban.devices.gpio;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Where the panel's parts are wired (BCM pin numbers) and how inputs are debounced. Checked
 * once: a pin out of range or used twice names the part and the pin.
 *
 * @param readyLed     green LED: the kiosk is ready
 * @param busyLed      amber LED: printing, reading a card
 * @param faultLed     red LED: a device is at fault
 * @param buzzer       active buzzer
 * @param presence     presence sensor (PIR or radar), high while someone is there
 * @param helpButton   help button, high while pressed
 * @param debounce     how long an input must stay in a new state before it counts
 * @param helpHoldOff  after a help press, further presses within this time are the same call
 */
public record PanelConfig(int readyLed, int busyLed, int faultLed, int buzzer, int presence, int helpButton,
                          Duration debounce, Duration helpHoldOff) {
    /** GPIO lines of the Raspberry Pi's 40-pin header, BCM numbering. */
    public static final int MAX_PIN = 27;

    public PanelConfig {
        Set<Integer> used = new HashSet<>();
        pin("ready-led", readyLed, used);
        pin("busy-led", busyLed, used);
        pin("fault-led", faultLed, used);
        pin("buzzer", buzzer, used);
        pin("presence", presence, used);
        pin("help-button", helpButton, used);
        if (debounce == null || debounce.isNegative() || debounce.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("gpio debounce must be 0 to 1 s, was " + debounce);
        }
        if (helpHoldOff == null || helpHoldOff.isNegative() || helpHoldOff.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("gpio help-hold-off must be 0 to 60 s, was " + helpHoldOff);
        }
    }

    /** The wiring docs/devices.md describes. */
    public static PanelConfig defaults() {
        return new PanelConfig(17, 27, 22, 18, 23, 24, Duration.ofMillis(50), Duration.ofSeconds(3));
    }

    private static void pin(String part, int pin, Set<Integer> used) {
        if (pin < 2 || pin > MAX_PIN) {
            throw new IllegalArgumentException("gpio " + part + " pin must be a BCM GPIO number from 2 to " + MAX_PIN
                    + ", was " + pin);
        }
        if (!used.add(pin)) {
            throw new IllegalArgumentException("gpio " + part + " pin " + pin + " is already used by another part");
        }
    }
}
