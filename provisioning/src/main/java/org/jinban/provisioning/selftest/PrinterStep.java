package org.jinban.provisioning.selftest;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.jinban.devices.printer.PrinterException;
import org.jinban.devices.printer.PrinterStatus;
import org.jinban.devices.printer.Receipt;
import org.jinban.devices.printer.ReceiptPrinter;

/**
 * Prints the test receipt, with the run's nonce as a QR code for the scanner step, after asking
 * the printer's state with DLE EOT (as the kiosk does before every receipt) and again after.
 *
 * <p>Passes only when the job was sent and the printer then says it is ready. A printer that
 * does not answer DLE EOT at all (many cheap ones) is "status unknown": it may print, but the
 * kiosk cannot tell a resident that the paper ran out, so it fails unless the technician says
 * with {@code --accept-silent-printer} that this model never answers. Paper near end fails
 * too: a kiosk should go into service with a full roll.
 */
final class PrinterStep implements Step {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Override
    public String name() {
        return "printer";
    }

    @Override
    public String prompt(SelftestContext context) {
        return "Printing a test receipt on " + context.rig.printerName() + "…";
    }

    @Override
    public StepResult run(SelftestContext context) {
        Optional<ReceiptPrinter> configured = context.rig.printer();
        if (configured.isEmpty()) {
            context.receipt = SelftestContext.ReceiptState.FAILED;
            return StepResult.fail("no printer configured (devices.printer)");
        }
        ReceiptPrinter printer = configured.get();
        PrinterStatus before = printer.status();
        switch (before.state()) {
            case OFFLINE, PAPER_END, COVER_OPEN -> {
                context.receipt = SelftestContext.ReceiptState.FAILED;
                return StepResult.fail("nothing printed: " + describe(before));
            }
            default -> { }
        }
        try {
            printer.print(testReceipt(context));
        } catch (PrinterException e) {
            context.receipt = SelftestContext.ReceiptState.FAILED;
            return StepResult.fail("the printer did not take the job: " + e.getMessage());
        }
        context.receipt = SelftestContext.ReceiptState.PRINTED;
        PrinterStatus after = printer.status();
        return switch (after.state()) {
            case OK -> StepResult.pass("printed; printer status: ready");
            case UNKNOWN -> context.acceptSilentPrinter
                    ? StepResult.pass("printed; printer status unknown (" + after.reason()
                            + "), accepted by --accept-silent-printer")
                    : StepResult.fail("printed, but printer status unknown: " + after.reason()
                            + "; the kiosk cannot tell when paper runs out (--accept-silent-printer if this model never answers)");
            default -> StepResult.fail("printed; printer status: " + describe(after));
        };
    }

    /** Plain words first, the status bits after. */
    static String describe(PrinterStatus status) {
        return switch (status.state()) {
            case OK -> "ready";
            case PAPER_NEAR_END -> "paper near end (load a new roll)";
            case PAPER_END -> "paper end (load paper)";
            case COVER_OPEN -> "cover open (close the cover)";
            case OFFLINE -> "offline: " + status.reason();
            case UNKNOWN -> "unknown: " + status.reason();
        };
    }

    /** Nothing personal on it: the station, the time, the nonce. */
    static Receipt testReceipt(SelftestContext context) {
        String when = TIME.format(context.clock.instant().atZone(ZoneId.systemDefault()));
        Receipt.Builder receipt = Receipt.builder()
                .text("自检测试单 Self-test receipt", Receipt.Align.CENTER, true, false);
        if (!context.settings.stationName().isBlank()) {
            receipt.text(context.settings.stationName(), Receipt.Align.CENTER);
        }
        return receipt.text(when, Receipt.Align.CENTER)
                .rule()
                .text("请用本机扫码器扫描下方二维码", Receipt.Align.CENTER)
                .text("Scan this code with the kiosk's scanner", Receipt.Align.CENTER)
                .qr(context.nonce, 6)
                .feed(2)
                .cut()
                .build();
    }
}
