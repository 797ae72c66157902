package org.jinban.devices.printer;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PNG preview of a receipt, one image pixel per printer dot, laid out by the same
 * {@link ReceiptLayout} as the ESC/POS bytes so the preview shows what the paper gets.
 */
public final class ReceiptImageRenderer {

    private static final Logger log = LoggerFactory.getLogger(ReceiptImageRenderer.class);

    static final int LINE_DOTS = 30;
    static final int GLYPH_DOTS = 24;
    static final int MARGIN_DOTS = 16;
    static final int CUT_DOTS = 40;
    static final int QR_QUIET_MODULES = 4;

    private final ReceiptLayout layout;
    private final String fontFamily;

    public ReceiptImageRenderer() {
        this(new ReceiptLayout());
    }

    public ReceiptImageRenderer(ReceiptLayout layout) {
        this.layout = layout;
        this.fontFamily = findCjkFont().orElseGet(() -> {
            log.warn("no Noto Sans CJK font installed; receipt previews use the logical SansSerif font "
                    + "and Chinese may not render (install fonts-noto-cjk)");
            return Font.SANS_SERIF;
        });
    }

    static Optional<String> findCjkFont() {
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        return Arrays.stream(families).filter(f -> f.contains("Noto Sans CJK SC")).findFirst()
                .or(() -> Arrays.stream(families).filter(f -> f.contains("Noto Sans CJK")).findFirst());
    }

    public String fontFamily() {
        return fontFamily;
    }

    public BufferedImage render(Receipt receipt) {
        List<ReceiptLayout.Line> lines = layout.lines(receipt);
        List<BitMatrix> qrs = new ArrayList<>();
        int height = 2 * MARGIN_DOTS;
        for (ReceiptLayout.Line line : lines) {
            if (line instanceof ReceiptLayout.QrLine q) {
                qrs.add(qrMatrix(q));
            }
            height += heightOf(line, qrs.isEmpty() ? null : qrs.getLast());
        }
        BufferedImage image = new BufferedImage(ReceiptLayout.DOTS_PER_LINE, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int y = MARGIN_DOTS;
            int qrIndex = 0;
            for (ReceiptLayout.Line line : lines) {
                BitMatrix qr = line instanceof ReceiptLayout.QrLine ? qrs.get(qrIndex++) : null;
                switch (line) {
                    case ReceiptLayout.TextLine t -> drawText(g, t, y);
                    case ReceiptLayout.QrLine q -> drawQr(g, qr, q.moduleSize(), y);
                    case ReceiptLayout.CutLine c -> drawCut(g, y);
                    case ReceiptLayout.FeedLine f -> { }
                }
                y += heightOf(line, qr);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    public byte[] renderPng(Receipt receipt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(render(receipt), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing PNG to memory failed", e);
        }
        return out.toByteArray();
    }

    public void writePng(Receipt receipt, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, renderPng(receipt));
    }

    private static int heightOf(ReceiptLayout.Line line, BitMatrix qr) {
        return switch (line) {
            case ReceiptLayout.TextLine t -> LINE_DOTS * t.widthMultiplier();
            case ReceiptLayout.QrLine q -> (qr.getHeight() + 2 * QR_QUIET_MODULES) * q.moduleSize();
            case ReceiptLayout.FeedLine f -> LINE_DOTS * f.lines();
            case ReceiptLayout.CutLine c -> CUT_DOTS;
        };
    }

    // Glyphs are placed cell by cell (12 dots per half-width column) because the printer's font
    // is monospaced; drawing the string proportionally would drift from the paper.
    private void drawText(Graphics2D g, ReceiptLayout.TextLine line, int top) {
        int mul = line.widthMultiplier();
        g.setFont(new Font(fontFamily, line.bold() ? Font.BOLD : Font.PLAIN, GLYPH_DOTS * mul));
        FontMetrics fm = g.getFontMetrics();
        int lineHeight = LINE_DOTS * mul;
        int baseline = top + (lineHeight - (fm.getAscent() + fm.getDescent())) / 2 + fm.getAscent();
        int x = ReceiptLayout.startDot(line);
        String text = line.text();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String glyph = new String(Character.toChars(cp));
            int cell = ReceiptLayout.columnsOf(cp) * ReceiptLayout.DOTS_PER_COLUMN * mul;
            g.drawString(glyph, x + (cell - fm.stringWidth(glyph)) / 2, baseline);
            x += cell;
            i += Character.charCount(cp);
        }
    }

    private static void drawQr(Graphics2D g, BitMatrix qr, int module, int top) {
        int left = (ReceiptLayout.DOTS_PER_LINE - qr.getWidth() * module) / 2;
        int y0 = top + QR_QUIET_MODULES * module;
        for (int y = 0; y < qr.getHeight(); y++) {
            for (int x = 0; x < qr.getWidth(); x++) {
                if (qr.get(x, y)) {
                    g.fillRect(left + x * module, y0 + y * module, module, module);
                }
            }
        }
    }

    private static void drawCut(Graphics2D g, int top) {
        Graphics2D dashed = (Graphics2D) g.create();
        try {
            dashed.setColor(Color.GRAY);
            dashed.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
            dashed.drawLine(0, top + CUT_DOTS / 2, ReceiptLayout.DOTS_PER_LINE, top + CUT_DOTS / 2);
        } finally {
            dashed.dispose();
        }
    }

    /**
     * The symbol the printer builds from GS ( k: the payload's UTF-8 bytes in byte mode with no
     * ECI header (the printer adds none). Handing ZXing the bytes as ISO-8859-1 characters with
     * no charset hint makes it encode exactly those bytes and no ECI.
     */
    static BitMatrix qrMatrix(ReceiptLayout.QrLine qr) {
        String bytesAsLatin1 = new String(qr.payload().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        Map<EncodeHintType, Object> hints = Map.of(
                EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.valueOf(qr.level().name()),
                EncodeHintType.MARGIN, 0);
        try {
            return new QRCodeWriter().encode(bytesAsLatin1, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            // Receipt.Qr already bounds the payload to the level's capacity
            throw new IllegalStateException("QR payload could not be encoded: " + e.getMessage(), e);
        }
    }
}
