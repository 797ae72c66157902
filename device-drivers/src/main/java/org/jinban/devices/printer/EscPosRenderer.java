package org.jinban.devices.printer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Renders a {@link Receipt} to the ESC/POS bytes of one print job. */
public final class EscPosRenderer {

    static final Charset GB18030 = Charset.forName("GB18030");

    private final ReceiptLayout layout;

    public EscPosRenderer() {
        this(new ReceiptLayout());
    }

    public EscPosRenderer(ReceiptLayout layout) {
        this.layout = layout;
    }

    public byte[] render(Receipt receipt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        out.writeBytes(EscPos.init());
        for (ReceiptLayout.Line line : layout.lines(receipt)) {
            switch (line) {
                case ReceiptLayout.TextLine t -> text(out, t);
                case ReceiptLayout.QrLine q -> qr(out, q);
                case ReceiptLayout.FeedLine f -> out.writeBytes(EscPos.feed(f.lines()));
                case ReceiptLayout.CutLine c -> out.writeBytes(EscPos.cut());
            }
        }
        return out.toByteArray();
    }

    // Every line states its own modes, so a line never inherits a mode from an earlier one.
    private static void text(ByteArrayOutputStream out, ReceiptLayout.TextLine line) {
        out.writeBytes(EscPos.align(line.align()));
        out.writeBytes(EscPos.bold(line.bold()));
        out.writeBytes(EscPos.size(line.widthMultiplier(), line.widthMultiplier()));
        String text = line.text();
        if (isAscii(text)) {
            out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        } else {
            out.writeBytes(EscPos.enterChinese());
            out.writeBytes(text.getBytes(GB18030));
            out.writeBytes(EscPos.leaveChinese());
        }
        out.write(EscPos.LF);
    }

    private static void qr(ByteArrayOutputStream out, ReceiptLayout.QrLine qr) {
        out.writeBytes(EscPos.align(Receipt.Align.CENTER));
        out.writeBytes(EscPos.qrModel2());
        out.writeBytes(EscPos.qrModuleSize(qr.moduleSize()));
        out.writeBytes(EscPos.qrErrorCorrection(qr.level()));
        out.writeBytes(EscPos.qrStore(qr.payload().getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(EscPos.qrPrint());
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
