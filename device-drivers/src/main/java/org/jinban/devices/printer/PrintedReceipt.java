package org.jinban.devices.printer;

import java.util.List;

/** A job as the simulator rebuilt it from the bytes: text lines, QR payloads, feeds and cut. */
public record PrintedReceipt(List<Receipt.Block> blocks) {

    public PrintedReceipt {
        blocks = List.copyOf(blocks);
    }

    public List<String> textLines() {
        return blocks.stream().filter(Receipt.Text.class::isInstance)
                .map(b -> ((Receipt.Text) b).text()).toList();
    }

    public List<String> qrPayloads() {
        return blocks.stream().filter(Receipt.Qr.class::isInstance)
                .map(b -> ((Receipt.Qr) b).payload()).toList();
    }

    public boolean isCut() {
        return !blocks.isEmpty() && blocks.getLast() instanceof Receipt.Cut;
    }

    /** The rebuilt job as a receipt, e.g. to draw it with {@link ReceiptImageRenderer}. */
    public Receipt toReceipt() {
        return new Receipt(blocks);
    }
}
