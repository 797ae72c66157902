package org.jinban.provisioning.selftest;

import java.util.ArrayList;
import java.util.List;

import org.jinban.devices.gpio.GpioPanel;
import org.jinban.devices.gpio.PanelConfig;
import org.jinban.devices.gpio.StatusLight;

/**
 * Lights each status LED alone in turn and asks whether it is lit. The driver's read-back only
 * proves the pin was set; a swapped or dead LED shows only to someone looking, so on real
 * hardware the technician answers, and {@code --unattended} says in the table that nobody did.
 */
final class LedStep implements Step {

    private record Led(StatusLight light, String words, int index) {
    }

    @Override
    public String name() {
        return "leds";
    }

    @Override
    public String prompt(SelftestContext context) {
        PanelConfig pins = context.rig.config().panel();
        return "Lighting each LED in turn: green READY (GPIO " + pins.readyLed() + "), amber BUSY (GPIO "
                + pins.busyLed() + "), red FAULT (GPIO " + pins.faultLed() + ")…";
    }

    @Override
    public StepResult run(SelftestContext context) throws InterruptedException {
        GpioPanel panel = context.rig.panel();
        List<Led> leds = List.of(new Led(StatusLight.READY, "green READY", 0), new Led(StatusLight.BUSY, "amber BUSY", 1),
                new Led(StatusLight.FAULT, "red FAULT", 2));
        List<String> problems = new ArrayList<>();
        String by = null;
        try {
            for (Led led : leds) {
                panel.show(led.light());
                if (!onlyLit(panel, led.index())) {
                    problems.add(led.words() + ": the pin did not read back as the only one set " + panel.leds());
                    continue;
                }
                Thread.sleep(context.blink.toMillis());
                Operator.Answer answer = context.operator.confirm("Is the " + led.words() + " LED lit (and the others dark)?",
                        () -> onlyLit(panel, led.index()), context.wait);
                by = answer.by();
                if (answer.unanswered()) {
                    problems.add(led.words() + ": no answer within " + SelftestContext.seconds(context.wait));
                } else if (!answer.confirmed()) {
                    problems.add(led.words() + ": not lit");
                }
            }
        } finally {
            panel.show(StatusLight.OFF);
        }
        if (!problems.isEmpty()) {
            return StepResult.fail(String.join("; ", problems));
        }
        return StepResult.pass("READY, BUSY and FAULT lit one by one (" + by + ")");
    }

    private static boolean onlyLit(GpioPanel panel, int index) {
        List<Boolean> states = panel.leds();
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i) != (i == index)) {
                return false;
            }
        }
        return true;
    }
}
