package org.jinban.devices.printer;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Receipt} into printed lines using the printer's own metrics (80 mm, 576 dots,
 * font A 12×24 dots: 48 half-width or 24 full-width characters a line). Both the ESC/POS
 * renderer and the PNG preview lay out through this class, so the preview wraps exactly where
 * the paper does.
 */
public final class ReceiptLayout {

    public static final int DOTS_PER_LINE = 576;
    public static final int DOTS_PER_COLUMN = 12;
    public static final int COLUMNS = DOTS_PER_LINE / DOTS_PER_COLUMN;

    public sealed interface Line permits TextLine, QrLine, FeedLine, CutLine {
    }

    /** One printed text line; it already fits the paper width. */
    public record TextLine(String text, Receipt.Align align, boolean bold, boolean doubleSize) implements Line {
        public int widthMultiplier() {
            return doubleSize ? 2 : 1;
        }
    }

    public record QrLine(String payload, int moduleSize, Receipt.QrLevel level) implements Line {
    }

    public record FeedLine(int lines) implements Line {
    }

    public record CutLine() implements Line {
    }

    public List<Line> lines(Receipt receipt) {
        List<Line> lines = new ArrayList<>();
        for (Receipt.Block block : receipt.blocks()) {
            switch (block) {
                case Receipt.Text t -> {
                    for (String part : wrap(t.text(), columns(t.doubleSize()))) {
                        lines.add(new TextLine(part, t.align(), t.bold(), t.doubleSize()));
                    }
                }
                case Receipt.Rule r -> lines.add(new TextLine("-".repeat(COLUMNS), Receipt.Align.LEFT, false, false));
                case Receipt.Qr q -> lines.add(new QrLine(q.payload(), q.moduleSize(), q.level()));
                case Receipt.Feed f -> lines.add(new FeedLine(f.lines()));
                case Receipt.Cut c -> lines.add(new CutLine());
            }
        }
        return lines;
    }

    /** Half-width columns a line holds: 48 at normal width, 24 at double width. */
    public static int columns(boolean doubleSize) {
        return doubleSize ? COLUMNS / 2 : COLUMNS;
    }

    /**
     * Columns a character takes. In Chinese mode the printer prints every multi-byte GB18030
     * character from its 24×24 font, so anything outside ASCII is full width.
     */
    public static int columnsOf(int codePoint) {
        return codePoint < 0x80 ? 1 : 2;
    }

    public static int columnsOf(String text) {
        return text.codePoints().map(ReceiptLayout::columnsOf).sum();
    }

    /** Left edge of a text line in dots, as the printer aligns it with ESC a. */
    public static int startDot(TextLine line) {
        int width = columnsOf(line.text()) * DOTS_PER_COLUMN * line.widthMultiplier();
        return switch (line.align()) {
            case LEFT -> 0;
            case CENTER -> Math.max(0, (DOTS_PER_LINE - width) / 2);
            case RIGHT -> Math.max(0, DOTS_PER_LINE - width);
        };
    }

    /** Greedy wrap by columns; never splits a code point; an empty paragraph is one blank line. */
    static List<String> wrap(String text, int maxColumns) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            int used = 0;
            for (int i = 0; i < paragraph.length(); ) {
                int cp = paragraph.codePointAt(i);
                int w = columnsOf(cp);
                if (used + w > maxColumns && used > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                    used = 0;
                }
                line.appendCodePoint(cp);
                used += w;
                i += Character.charCount(cp);
            }
            out.add(line.toString());
        }
        return out;
    }
}
