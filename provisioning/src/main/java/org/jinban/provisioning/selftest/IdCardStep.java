package org.jinban.provisioning.selftest;

import java.io.IOException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Locale;

import org.jinban.devices.idcard.IdCardEvent;
import org.jinban.devices.idcard.IdCardException;
import org.jinban.devices.idcard.IdCardReader;
import org.jinban.devices.idcard.IdCardRecord;
import org.jinban.devices.serial.SerialLink;

/**
 * Waits for an ID card on the reader and reads it through the real driver (find, select, read,
 * the ID number's check character verified). What the card holds is dropped at once: the step
 * reports only that the read worked and until when the card is valid, never a name or number.
 */
final class IdCardStep implements Step {
    private static final Duration POLL = Duration.ofMillis(300);

    @Override
    public String name() {
        return "idcard";
    }

    @Override
    public String prompt(SelftestContext context) {
        return "Place a test ID card on the reader… (" + SelftestContext.seconds(context.wait) + ")";
    }

    @Override
    public StepResult run(SelftestContext context) throws InterruptedException {
        if (context.rig.cardLink().isEmpty()) {
            return StepResult.fail("no ID-card reader configured (devices.idcard.port)");
        }
        SerialLink link;
        try {
            link = context.rig.cardLink().get().open();
        } catch (IOException e) {
            return StepResult.fail("cannot open the reader's port " + context.rig.cardConfig().port() + ": " + e.getMessage());
        }
        try (IdCardReader reader = new IdCardReader(link, context.rig.cardConfig())) {
            context.operator.act(Operator.Action.PLACE_ID_CARD);
            long deadline = System.nanoTime() + context.wait.toNanos();
            String lastProblem = null;
            while (System.nanoTime() < deadline) {
                IdCardEvent event = reader.poll();
                switch (event) {
                    case IdCardEvent.CardRead read -> {
                        return StepResult.pass("read ok, " + validity(read.record()));
                    }
                    case IdCardEvent.CardUnreadable unreadable ->
                            lastProblem = "a card was there but could not be read (" + kind(unreadable.error()) + ")";
                    case IdCardEvent.ReaderFault fault -> {
                        if (fault.error().kind() == IdCardException.Kind.PORT_GONE) {
                            return StepResult.fail("the reader's port is gone: " + fault.error().getMessage());
                        }
                        lastProblem = "the reader failed: " + fault.error().getMessage();
                    }
                    case IdCardEvent.CardRemoved removed -> { }
                    case IdCardEvent.NoChange none -> { }
                }
                Thread.sleep(POLL.toMillis());
            }
            return StepResult.fail("no card read within " + SelftestContext.seconds(context.wait)
                    + (lastProblem == null ? " (the reader answered: no card)" : "; last: " + lastProblem));
        }
    }

    /** "card valid to 2031-07" or "card valid long-term"; the day is left out on purpose. */
    static String validity(IdCardRecord card) {
        return card.validTo().map(d -> "card valid to " + YearMonth.from(d)).orElse("card valid long-term (长期)");
    }

    private static String kind(IdCardException e) {
        return e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
