package org.jinban.provisioning.selftest;

import java.util.concurrent.TimeUnit;

/** Waits for the presence sensor to report a change (someone steps in front of it, or away). */
final class PresenceStep implements Step {

    @Override
    public String name() {
        return "presence";
    }

    @Override
    public String prompt(SelftestContext context) {
        return "Step in front of the presence sensor (GPIO " + context.rig.config().panel().presence()
                + "), or away from it… (" + SelftestContext.seconds(context.wait) + ")";
    }

    @Override
    public StepResult run(SelftestContext context) throws InterruptedException {
        Rig rig = context.rig;
        rig.panel();
        rig.presenceChanges.clear();
        context.operator.act(Operator.Action.CHANGE_PRESENCE);
        Boolean now = rig.presenceChanges.poll(context.wait.toMillis(), TimeUnit.MILLISECONDS);
        if (now == null) {
            return StepResult.fail("no change seen within " + SelftestContext.seconds(context.wait));
        }
        return StepResult.pass("the sensor changed to " + (now ? "someone present" : "nobody present"));
    }
}
