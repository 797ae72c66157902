package org.jinban.provisioning.selftest;

import java.sql.SQLException;
import java.util.Map;

/**
 * Connects to the hub the enrollment names, as this kiosk, and expects {@code welcome}.
 * Refused, unreachable and timed out are told apart in the detail.
 */
final class HubStep implements Step {

    @Override
    public String name() {
        return "hub";
    }

    @Override
    public String prompt(SelftestContext context) {
        return "Connecting to the hub" + context.settings.hub().map(h -> " " + h.url()).orElse("") + " as this kiosk… ("
                + SelftestContext.seconds(context.hubTimeout) + ")";
    }

    @Override
    public StepResult run(SelftestContext context) throws InterruptedException {
        if (context.hub == null) {
            return StepResult.fail("not enrolled: no hub configured (sync.hub-url); run jinban-provision enroll first");
        }
        Map<String, Long> cursors;
        try {
            cursors = KioskCursors.read(context.settings.dataDir());
        } catch (SQLException e) {
            return StepResult.fail("cannot read the kiosk's sync cursors from " + context.settings.dataDir() + ": "
                    + e.getMessage());
        }
        HubProbe.Result result = context.hub.hello(cursors, context.hubTimeout);
        return result.verdict() == HubProbe.Verdict.WELCOMED ? StepResult.pass(result.detail())
                : StepResult.fail(result.detail());
    }
}
