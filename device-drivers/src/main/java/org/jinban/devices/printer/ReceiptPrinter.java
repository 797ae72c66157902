package org.jinban.devices.printer;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipt printer driver. A link that failed is closed and reopened by the next call, so a
 * printer that was unplugged, power-cycled or reset its TCP connection comes back without a
 * kiosk restart.
 */
public final class ReceiptPrinter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReceiptPrinter.class);

    private final String name;
    private final PrinterLink.Opener opener;
    private final Duration statusTimeout;
    private final EscPosRenderer renderer;
    private PrinterLink link;

    public ReceiptPrinter(String name, PrinterLink.Opener opener, Duration statusTimeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.statusTimeout = Objects.requireNonNull(statusTimeout, "statusTimeout");
        this.renderer = new EscPosRenderer();
    }

    public static ReceiptPrinter of(PrinterConfig config) {
        return new ReceiptPrinter(config.describe(), config::open, config.statusTimeout());
    }

    public String name() {
        return name;
    }

    /** Prints one receipt; a failure fails this job only, the next job reopens the link. */
    public synchronized void print(Receipt receipt) {
        byte[] job = renderer.render(receipt);
        PrinterLink l = openLink();
        try {
            l.write(job);
            log.debug("printer {}: sent job of {} bytes", name, job.length);
        } catch (IOException e) {
            closeLink();
            throw new PrinterException(name, "job of " + job.length + " bytes (" + EscPos.hex(job, 16)
                    + ") failed: " + e.getMessage() + "; the link is closed and the next job reopens it", e);
        }
    }

    /** Asks DLE EOT 2 and 4. Silence is UNKNOWN, never OK: many printers do not answer. */
    public synchronized PrinterStatus status() {
        PrinterLink l;
        try {
            l = openLink();
        } catch (PrinterException e) {
            return PrinterStatus.offline(e.getMessage());
        }
        try {
            drain(l);
            int offlineCause = ask(l, EscPos.STATUS_OFFLINE_CAUSE);
            if (offlineCause < 0) {
                return PrinterStatus.unknown("no answer to DLE EOT 2 within " + statusTimeout.toMillis() + " ms");
            }
            int paperSensor = ask(l, EscPos.STATUS_PAPER_SENSOR);
            if (paperSensor < 0) {
                return PrinterStatus.unknown("no answer to DLE EOT 4 within " + statusTimeout.toMillis() + " ms");
            }
            return PrinterStatus.fromReplies(offlineCause, paperSensor);
        } catch (IOException e) {
            closeLink();
            return PrinterStatus.offline("status request failed: " + e.getMessage());
        }
    }

    private int ask(PrinterLink l, int n) throws IOException {
        l.write(EscPos.statusRequest(n));
        byte[] reply = new byte[1];
        return l.read(reply, statusTimeout) == 0 ? -1 : reply[0] & 0xFF;
    }

    // A late answer to an earlier request must not be taken for the answer to this one.
    private static void drain(PrinterLink l) throws IOException {
        byte[] stale = new byte[64];
        while (l.read(stale, Duration.ofMillis(1)) > 0) {
            // discard
        }
    }

    private PrinterLink openLink() {
        if (link == null) {
            try {
                link = opener.open();
                log.info("printer {}: link opened", name);
            } catch (IOException e) {
                throw new PrinterException(name, "cannot open the link: " + e.getMessage(), e);
            }
        }
        return link;
    }

    private void closeLink() {
        if (link != null) {
            link.close();
            link = null;
            log.warn("printer {}: link closed after a failure", name);
        }
    }

    @Override
    public synchronized void close() {
        if (link != null) {
            link.close();
            link = null;
        }
    }
}
