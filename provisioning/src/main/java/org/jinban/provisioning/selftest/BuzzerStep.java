package org.jinban.provisioning.selftest;

import org.jinban.devices.gpio.GpioPanel;

/** Sounds the buzzer and asks whether it was heard; like the LEDs, only a person can tell. */
final class BuzzerStep implements Step {

    @Override
    public String name() {
        return "buzzer";
    }

    @Override
    public String prompt(SelftestContext context) {
        return "Sounding the buzzer (GPIO " + context.rig.config().panel().buzzer() + ") for "
                + SelftestContext.seconds(context.blink) + "…";
    }

    @Override
    public StepResult run(SelftestContext context) throws InterruptedException {
        GpioPanel panel = context.rig.panel();
        panel.beep(context.blink);
        // what the pin says while it should sound; the question comes after, in silence
        boolean set = panel.buzzing();
        Thread.sleep(context.blink.plusMillis(100).toMillis());
        if (!set) {
            return StepResult.fail("the buzzer pin did not read back as set");
        }
        if (panel.buzzing()) {
            return StepResult.fail("the buzzer pin is still set after " + SelftestContext.seconds(context.blink));
        }
        Operator.Answer answer = context.operator.confirm("Did the buzzer sound?", () -> set, context.wait);
        if (answer.unanswered()) {
            return StepResult.fail("no answer within " + SelftestContext.seconds(context.wait));
        }
        return answer.confirmed() ? StepResult.pass("sounded for " + SelftestContext.seconds(context.blink) + " (" + answer.by() + ")")
                : StepResult.fail("not heard");
    }
}
