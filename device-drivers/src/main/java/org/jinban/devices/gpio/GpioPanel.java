package org.jinban.devices.gpio;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's GPIO parts through Pi4J: three status LEDs, a buzzer, a presence sensor and a
 * help button. The {@link Context} decides the hardware: {@code pi4j-plugin-gpiod} on a
 * Raspberry Pi, the mock plugin in tests and the demo.
 */
public final class GpioPanel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GpioPanel.class);

    private final PanelConfig config;
    private final DigitalOutput ready;
    private final DigitalOutput busy;
    private final DigitalOutput fault;
    private final DigitalOutput buzzer;
    private final DigitalInput presence;
    private final DigitalInput help;
    private final ScheduledExecutorService timer;
    private long lastHelpNanos;
    private boolean helpCalled;
    private final Context pi4j;
    private final boolean ownsContext;
    private final boolean simulated;

    /** The panel on a Raspberry Pi: Pi4J picks its platform (gpiod on a Pi 5). */
    public static GpioPanel onHardware(PanelConfig config, PanelListener listener) {
        return new GpioPanel(Pi4J.newAutoContext(), config, listener, true, false);
    }

    /** The panel on Pi4J's mock platform, driven by {@link #simulatePresence} and {@link #simulateHelpPress}. */
    public static GpioPanel simulated(PanelConfig config, PanelListener listener) {
        Context mock = Pi4J.newContextBuilder().add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        return new GpioPanel(mock, config, listener, true, true);
    }

    /** The panel on a context the caller owns and shuts down. */
    public GpioPanel(Context pi4j, PanelConfig config, PanelListener listener) {
        this(pi4j, config, listener, false, false);
    }

    private GpioPanel(Context pi4j, PanelConfig config, PanelListener listener, boolean ownsContext,
                      boolean simulated) {
        this.pi4j = pi4j;
        this.ownsContext = ownsContext;
        this.simulated = simulated;
        this.config = config;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jinban-gpio");
            t.setDaemon(true);
            return t;
        });
        this.ready = output(pi4j, "led-ready", config.readyLed());
        this.busy = output(pi4j, "led-busy", config.busyLed());
        this.fault = output(pi4j, "led-fault", config.faultLed());
        this.buzzer = output(pi4j, "buzzer", config.buzzer());
        this.presence = input(pi4j, "presence", config.presence());
        this.help = input(pi4j, "help-button", config.helpButton());

        long debounce = config.debounce().toNanos();
        Debouncer presenceDebouncer = new Debouncer(timer, debounce, presence.isHigh(), listener::presence);
        presence.addListener(e -> presenceDebouncer.edge(e.state() == DigitalState.HIGH));
        Debouncer helpDebouncer = new Debouncer(timer, debounce, help.isHigh(), pressed -> {
            if (pressed) {
                helpPress(listener);
            }
        });
        help.addListener(e -> helpDebouncer.edge(e.state() == DigitalState.HIGH));
        show(StatusLight.OFF);
    }

    private void helpPress(PanelListener listener) {
        long now = System.nanoTime();
        if (helpCalled && now - lastHelpNanos < config.helpHoldOff().toNanos()) {
            return; // a second press while staff are already being called is the same call
        }
        helpCalled = true;
        lastHelpNanos = now;
        listener.helpPressed();
    }

    /** Someone steps in front of the simulated presence sensor, or away. */
    public void simulatePresence(boolean present) {
        mockInput("presence").mockState(DigitalState.getState(present));
    }

    /** A finger on the simulated help button, for longer than the debounce. */
    public void simulateHelpPress() {
        MockDigitalInput pin = mockInput("help-button");
        pin.mockState(DigitalState.HIGH);
        timer.schedule(() -> {
            pin.mockState(DigitalState.LOW);
        }, config.debounce().toMillis() * 3 + 50, TimeUnit.MILLISECONDS);
    }

    private MockDigitalInput mockInput(String id) {
        if (!simulated) {
            throw new IllegalStateException("gpio: " + id + " can be simulated only on the mock platform");
        }
        return pi4j.io(id);
    }

    /** Lights the LED for {@code light} and turns the others off. */
    public synchronized void show(StatusLight light) {
        ready.state(DigitalState.getState(light == StatusLight.READY));
        busy.state(DigitalState.getState(light == StatusLight.BUSY));
        fault.state(DigitalState.getState(light == StatusLight.FAULT));
    }

    /** Sounds the buzzer for {@code length} without blocking the caller. */
    public void beep(Duration length) {
        buzzer.high();
        timer.schedule(() -> {
            buzzer.low();
        }, length.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The LEDs, lit or not, for the health report and tests: ready, busy, fault. */
    public List<Boolean> leds() {
        return List.of(ready.isHigh(), busy.isHigh(), fault.isHigh());
    }

    public boolean buzzing() {
        return buzzer.isHigh();
    }

    private static DigitalOutput output(Context pi4j, String id, int pin) {
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).name(id).address(pin)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW));
    }

    private static DigitalInput input(Context pi4j, String id, int pin) {
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).name(id).address(pin)
                .pull(PullResistance.PULL_DOWN));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            show(StatusLight.OFF);
            buzzer.low();
        } catch (RuntimeException e) {
            LOG.warn("gpio: could not turn the outputs off at close: {}", e.getMessage());
        }
        if (ownsContext) {
            pi4j.shutdown();
        }
    }
}
