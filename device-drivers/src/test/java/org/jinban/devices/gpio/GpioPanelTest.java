package org.jinban.devices.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The panel on Pi4J's mock platform: the same code path as on a Pi, with the pins driven by the test. */
class GpioPanelTest {
    private static final PanelConfig CONFIG = new PanelConfig(17, 27, 22, 18, 23, 24, Duration.ofMillis(40),
            Duration.ofMillis(400));

    private Context pi4j;
    private GpioPanel panel;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        panel = new GpioPanel(pi4j, CONFIG, new PanelListener() {
            @Override
            public void presence(boolean present) {
                events.add(present ? "arrived" : "left");
            }

            @Override
            public void helpPressed() {
                events.add("help");
            }
        });
    }

    @AfterEach
    void stop() {
        panel.close();
        pi4j.shutdown();
    }

    private MockDigitalInput pin(String id) {
        return pi4j.io(id);
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    @Test
    void oneLedAtATime() {
        panel.show(StatusLight.READY);
        assertEquals(List.of(true, false, false), panel.leds());
        panel.show(StatusLight.FAULT);
        assertEquals(List.of(false, false, true), panel.leds());
        panel.show(StatusLight.OFF);
        assertEquals(List.of(false, false, false), panel.leds());
    }

    @Test
    void theBuzzerStopsByItself() throws InterruptedException {
        panel.beep(Duration.ofMillis(60));
        assertTrue(panel.buzzing());
        sleep(300);
        assertFalse(panel.buzzing());
    }

    @Test
    void aBouncingPresenceSensorGivesOneArrivalAndOneDeparture() throws InterruptedException {
        MockDigitalInput presence = pin("presence");
        for (int i = 0; i < 5; i++) {
            presence.mockState(DigitalState.HIGH);
            presence.mockState(DigitalState.LOW);
        }
        presence.mockState(DigitalState.HIGH);
        sleep(250);
        presence.mockState(DigitalState.LOW);
        sleep(250);
        assertEquals(List.of("arrived", "left"), events);
    }

    @Test
    void aGlitchShorterThanTheDebounceIsNothing() throws InterruptedException {
        MockDigitalInput presence = pin("presence");
        presence.mockState(DigitalState.HIGH);
        presence.mockState(DigitalState.LOW);
        sleep(250);
        assertEquals(List.of(), events);
    }

    @Test
    void helpPressesWithinTheHoldOffAreOneCall() throws InterruptedException {
        MockDigitalInput help = pin("help-button");
        for (int press = 0; press < 3; press++) {
            help.mockState(DigitalState.HIGH);
            sleep(80);
            help.mockState(DigitalState.LOW);
            sleep(80);
        }
        assertEquals(List.of("help"), events, "three presses within 400 ms call staff once");
        sleep(500);
        help.mockState(DigitalState.HIGH);
        sleep(120);
        assertEquals(List.of("help", "help"), events, "a press after the hold-off calls again");
    }

    @Test
    void wiringMistakesNameThePartAndPin() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new PanelConfig(17, 17, 22, 18, 23, 24, Duration.ofMillis(40), Duration.ofSeconds(1)));
        assertTrue(twice.getMessage().contains("busy-led pin 17 is already used"), twice.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new PanelConfig(17, 27, 22, 18, 23, 40, Duration.ofMillis(40), Duration.ofSeconds(1)));
        assertTrue(range.getMessage().contains("help-button pin must be"), range.getMessage());
    }
}
