package org.jinban.provisioning.selftest;

import java.util.concurrent.TimeUnit;

import org.jinban.devices.DeviceStatus;

/**
 * Waits for the scanner to read the QR code on the test receipt; passes only if the text it
 * sends is the run's nonce, so the printer's QR and the scanner's decoding are both proven.
 * The scanned text itself is never printed: a wrong code could be anything, a resident's too.
 */
final class ScannerStep implements Step {

    @Override
    public String name() {
        return "scanner";
    }

    @Override
    public String prompt(SelftestContext context) {
        return "Scan the QR code on the test receipt with the kiosk's scanner… (" + SelftestContext.seconds(context.wait) + ")";
    }

    @Override
    public StepResult run(SelftestContext context) throws Exception {
        Rig rig = context.rig;
        if (!rig.scannerConfigured()) {
            return StepResult.fail("no scanner configured (devices.scanner.port)");
        }
        var offline = rig.scannerStatus().filter(st -> st.state() == DeviceStatus.State.OFFLINE);
        if (offline.isPresent()) {
            // opened when the test started: by now it has had its first try
            return StepResult.fail("scanner " + rig.scannerName() + " is offline: " + offline.get().reason());
        }
        if (context.receipt == SelftestContext.ReceiptState.FAILED) {
            return StepResult.skipped("not tested: no test receipt to scan (the printer step failed)");
        }
        if (context.receipt == SelftestContext.ReceiptState.NOT_PRINTED) {
            // run without the printer step (--only scanner): print the receipt now
            context.note("printing a test receipt to scan first");
            StepResult printed = new PrinterStep().run(context);
            if (context.receipt != SelftestContext.ReceiptState.PRINTED) {
                return StepResult.skipped("not tested: the test receipt could not be printed (" + printed.detail() + ")");
            }
        }
        rig.scans.clear();
        rig.refusedScans.clear();
        context.operator.act(Operator.Action.SCAN_TEST_RECEIPT);
        String scanned = rig.scans.poll(context.wait.toMillis(), TimeUnit.MILLISECONDS);
        if (scanned == null) {
            String refused = rig.refusedScans.poll();
            if (refused != null) {
                return StepResult.fail("the scanner sent a line that was refused: " + refused);
            }
            String port = rig.scannerStatus().filter(s -> s.state() != DeviceStatus.State.OK)
                    .map(s -> "; scanner " + rig.scannerName() + " is " + s.state().name().toLowerCase(java.util.Locale.ROOT)
                            + ": " + s.reason())
                    .orElse("");
            return StepResult.fail("nothing scanned within " + SelftestContext.seconds(context.wait) + port);
        }
        if (!scanned.equals(context.nonce)) {
            return StepResult.fail("scanned text did not match the test receipt's QR code ("
                    + scanned.length() + " characters read)");
        }
        return StepResult.pass("scanned the test receipt's QR code; text matches");
    }
}
