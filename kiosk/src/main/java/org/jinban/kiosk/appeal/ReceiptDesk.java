package org.jinban.kiosk.appeal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jinban.devices.printer.Receipt;
import org.jinban.kiosk.events.EventHub;
import org.jinban.kiosk.events.KioskEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints appeal receipts one after another on its own thread, after the appeal is saved: the
 * resident is told "saved" as soon as it is durable, and the printer's pace (or its paper)
 * never holds up the save. The outcome goes to the appeal's row (a receipt that did not print
 * is owed, and staff see it) and to the page as a {@code receipt} event.
 */
public final class ReceiptDesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptDesk.class);

    private final Function<Receipt, Optional<String>> printer;
    private final AppealReceipts receipts;
    private final AppealStore store;
    private final EventHub events;
    private final ExecutorService queue = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jinban-receipts");
        t.setDaemon(true);
        return t;
    });

    /** @param printer prints a receipt; empty when printed, else why not */
    public ReceiptDesk(Function<Receipt, Optional<String>> printer, AppealReceipts receipts, AppealStore store,
                       EventHub events) {
        this.printer = printer;
        this.receipts = receipts;
        this.store = store;
        this.events = events;
    }

    /** Queues the receipt of a just-filed appeal. */
    public void submit(StoredAppeal appeal) {
        queue.execute(() -> print(appeal));
    }

    /** Prints now (a staff reprint) and returns the outcome. */
    public Outcome reprint(StoredAppeal appeal) {
        try {
            return queue.submit(() -> print(appeal)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("receipts: reprint of {} did not finish: {}", appeal.trackingNo(), e.toString());
            return new Outcome(StoredAppeal.ReceiptState.OWED, "the printer did not answer");
        }
    }

    public record Outcome(StoredAppeal.ReceiptState state, String reason) {
    }

    private Outcome print(StoredAppeal appeal) {
        Optional<String> failure;
        try {
            failure = printer.apply(receipts.receipt(appeal));
        } catch (RuntimeException e) {
            LOG.warn("receipts: printing {} failed", appeal.trackingNo(), e);
            failure = Optional.of("the printer failed");
        }
        Outcome outcome = failure.map(reason -> new Outcome(StoredAppeal.ReceiptState.OWED, reason))
                .orElse(new Outcome(StoredAppeal.ReceiptState.PRINTED, null));
        try {
            store.receipt(appeal.id(), outcome.state(), outcome.reason());
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // the kiosk is stopping: the receipt reads PRINTING, and the next start owes it
                LOG.info("receipts: stopped before recording how printing {} went", appeal.trackingNo());
            } else {
                LOG.error("receipts: cannot record how printing {} went", appeal.trackingNo(), e);
            }
        }
        if (outcome.state() == StoredAppeal.ReceiptState.OWED) {
            LOG.info("receipts: {} is owed: {}", appeal.trackingNo(), outcome.reason());
        }
        events.publish(new KioskEvent("receipt", outcome.reason() == null
                ? Map.of("trackingNo", appeal.trackingNo(), "state", outcome.state().name())
                : Map.of("trackingNo", appeal.trackingNo(), "state", outcome.state().name(),
                "reason", outcome.reason())));
        return outcome;
    }

    /**
     * Lets the receipt being printed finish, and drops the ones still waiting: they stay
     * PRINTING in the database, which the next start turns into owed receipts for staff. Nothing
     * runs against the database after this returns (the kiosk closes it next).
     */
    @Override
    public void close() {
        queue.shutdown();
        try {
            if (!queue.awaitTermination(2, TimeUnit.SECONDS)) {
                int dropped = queue.shutdownNow().size();
                LOG.info("receipts: stopping with {} receipts not printed; they are owed at the next start", dropped);
                queue.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            queue.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
