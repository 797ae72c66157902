package org.jinban.devices.printer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to print, as a list of layout blocks. Knows nothing of appeals: the kiosk decides what a
 * receipt says, the printer package only how it is laid out and sent.
 */
public record Receipt(List<Block> blocks) {

    public Receipt {
        blocks = List.copyOf(blocks);
    }

    public static Builder builder() {
        return new Builder();
    }

    public enum Align { LEFT, CENTER, RIGHT }

    /** QR error correction level with its byte-mode capacity at version 40. */
    public enum QrLevel {
        L(2953), M(2331), Q(1663), H(1273);

        private final int byteCapacity;

        QrLevel(int byteCapacity) {
            this.byteCapacity = byteCapacity;
        }

        public int byteCapacity() {
            return byteCapacity;
        }
    }

    public sealed interface Block permits Text, Rule, Qr, Feed, Cut {
    }

    /** A paragraph; the layout wraps it at the printer's width. {@code \n} starts a new line. */
    public record Text(String text, Align align, boolean bold, boolean doubleSize) implements Block {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(align, "align");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                // a control character would reach the printer as a command byte, not as text
                if (c != '\n' && (Character.isISOControl(c))) {
                    throw new IllegalArgumentException(String.format(
                            "text contains control character U+%04X at index %d", (int) c, i));
                }
            }
        }
    }

    /** A full-width horizontal rule. */
    public record Rule() implements Block {
    }

    /** A QR code (model 2) of {@code moduleSize} dots per module, centred. */
    public record Qr(String payload, int moduleSize, QrLevel level) implements Block {
        public Qr {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(level, "level");
            int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0) {
                throw new IllegalArgumentException("QR payload is empty");
            }
            if (bytes > level.byteCapacity()) {
                throw new IllegalArgumentException("QR payload of " + bytes + " UTF-8 bytes exceeds "
                        + level.byteCapacity() + " bytes, the capacity at level " + level);
            }
            if (moduleSize < 1 || moduleSize > 16) {
                throw new IllegalArgumentException("QR module size " + moduleSize + " is not in 1..16");
            }
        }
    }

    /** Feed {@code lines} blank lines (0..255, one ESC d command). */
    public record Feed(int lines) implements Block {
        public Feed {
            if (lines < 0 || lines > 255) {
                throw new IllegalArgumentException("feed of " + lines + " lines is not in 0..255");
            }
        }
    }

    /** Partial cut after feeding the paper to the cutter. */
    public record Cut() implements Block {
    }

    public static final class Builder {
        private final List<Block> blocks = new ArrayList<>();

        private Builder() {
        }

        public Builder text(String text) {
            return text(text, Align.LEFT, false, false);
        }

        public Builder text(String text, Align align) {
            return text(text, align, false, false);
        }

        public Builder text(String text, Align align, boolean bold, boolean doubleSize) {
            blocks.add(new Text(text, align, bold, doubleSize));
            return this;
        }

        public Builder rule() {
            blocks.add(new Rule());
            return this;
        }

        public Builder qr(String payload, int moduleSize) {
            return qr(payload, moduleSize, QrLevel.M);
        }

        public Builder qr(String payload, int moduleSize, QrLevel level) {
            blocks.add(new Qr(payload, moduleSize, level));
            return this;
        }

        public Builder feed(int lines) {
            blocks.add(new Feed(lines));
            return this;
        }

        public Builder cut() {
            blocks.add(new Cut());
            return this;
        }

        public Builder add(Block block) {
            blocks.add(Objects.requireNonNull(block, "block"));
            return this;
        }

        public Receipt build() {
            return new Receipt(blocks);
        }
    }
}
