package org.jinban.devices.printer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The printer end of the link: parses the ESC/POS it receives, keeps the jobs it "printed"
 * (a job ends at a cut) and answers DLE EOT from a settable state. Tests and the demo drive
 * the real driver against it; the state setters are its only test hooks.
 */
public final class PrinterSimulator {

    public static final int DEFAULT_MAX_COMMAND_BYTES = 8192;

    private final String name;
    private final EscPosParser parser;
    private final List<PrintedReceipt> receipts = new ArrayList<>();
    private final List<Receipt.Block> current = new ArrayList<>();
    private final ByteArrayOutputStream replies = new ByteArrayOutputStream();

    private boolean paperEnd;
    private boolean paperNearEnd;
    private boolean coverOpen;
    private boolean answersStatus = true;

    public PrinterSimulator(String name) {
        this(name, DEFAULT_MAX_COMMAND_BYTES);
    }

    public PrinterSimulator(String name, int maxCommandBytes) {
        this.name = name;
        this.parser = new EscPosParser(name, new Listener(), maxCommandBytes);
    }

    public String name() {
        return name;
    }

    /**
     * Takes the next bytes from the link. Answers to DLE EOT are queued for {@link #takeReplies}
     * even when the chunk also held a malformed command.
     *
     * @throws MalformedEscPosException after the whole chunk was consumed, if part of it was malformed
     */
    public synchronized void receive(byte[] data, int offset, int length) {
        parser.feed(data, offset, length);
    }

    public void receive(byte[] data) {
        receive(data, 0, data.length);
    }

    /** Bytes the printer sent back since the last call. */
    public synchronized byte[] takeReplies() {
        byte[] out = replies.toByteArray();
        replies.reset();
        return out;
    }

    public synchronized List<PrintedReceipt> receipts() {
        return List.copyOf(receipts);
    }

    /** The last cut job, or the job in progress if nothing was cut since. */
    public synchronized Optional<PrintedReceipt> lastJob() {
        if (!current.isEmpty()) {
            return Optional.of(new PrintedReceipt(current));
        }
        return receipts.isEmpty() ? Optional.empty() : Optional.of(receipts.getLast());
    }

    public synchronized void clear() {
        receipts.clear();
        current.clear();
        replies.reset();
    }

    public synchronized PrinterSimulator paperEnd(boolean on) {
        paperEnd = on;
        return this;
    }

    public synchronized PrinterSimulator paperNearEnd(boolean on) {
        paperNearEnd = on;
        return this;
    }

    public synchronized PrinterSimulator coverOpen(boolean on) {
        coverOpen = on;
        return this;
    }

    /** false: behave like the many cheap printers that never answer DLE EOT. */
    public synchronized PrinterSimulator answersStatus(boolean on) {
        answersStatus = on;
        return this;
    }

    private int statusByte(int n) {
        int b = 0x12;
        switch (n) {
            case 1 -> b |= coverOpen || paperEnd ? 0x08 : 0;
            case 2 -> b |= (coverOpen ? 0x04 : 0) | (paperEnd ? 0x20 : 0);
            case 4 -> b |= (paperNearEnd || paperEnd ? 0x0C : 0) | (paperEnd ? 0x60 : 0);
            default -> { }
        }
        return b;
    }

    private final class Listener implements EscPosParser.Listener {
        @Override
        public void textLine(String text, Receipt.Align align, boolean bold, int widthMultiplier) {
            current.add(new Receipt.Text(text, align, bold, widthMultiplier >= 2));
        }

        @Override
        public void feed(int lines) {
            current.add(new Receipt.Feed(lines));
        }

        @Override
        public void qr(byte[] data, int moduleSize, Receipt.QrLevel level) {
            current.add(new Receipt.Qr(new String(data, StandardCharsets.UTF_8), moduleSize, level));
        }

        @Override
        public void cut() {
            current.add(new Receipt.Cut());
            receipts.add(new PrintedReceipt(current));
            current.clear();
        }

        @Override
        public void statusRequest(int n) {
            if (answersStatus) {
                replies.write(statusByte(n));
            }
        }
    }
}
