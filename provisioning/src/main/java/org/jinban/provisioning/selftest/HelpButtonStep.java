package org.jinban.provisioning.selftest;

import java.util.concurrent.TimeUnit;

/** Waits for a press of the help button (debounced by the driver, as in service). */
final class HelpButtonStep implements Step {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String prompt(SelftestContext context) {
        return "Press the help button (GPIO " + context.rig.config().panel().helpButton() + ")… ("
                + SelftestContext.seconds(context.wait) + ")";
    }

    @Override
    public StepResult run(SelftestContext context) throws InterruptedException {
        Rig rig = context.rig;
        rig.panel();
        rig.helpPresses.clear();
        context.operator.act(Operator.Action.PRESS_HELP);
        if (rig.helpPresses.poll(context.wait.toMillis(), TimeUnit.MILLISECONDS) == null) {
            return StepResult.fail("no press seen within " + SelftestContext.seconds(context.wait));
        }
        return StepResult.pass("press seen");
    }
}
