package org.jinban.devices.printer;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An in-memory link straight into a {@link PrinterSimulator}, for tests and the demo. */
public final class SimulatorLink implements PrinterLink {

    private final PrinterSimulator simulator;
    private final LinkedBlockingQueue<Byte> replies = new LinkedBlockingQueue<>();

    public SimulatorLink(PrinterSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void write(byte[] bytes) {
        try {
            simulator.receive(bytes);
        } finally {
            for (byte b : simulator.takeReplies()) {
                replies.add(b);
            }
        }
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws java.io.InterruptedIOException {
        try {
            Byte first = replies.poll(PrinterLink.timeoutMillis(timeout), TimeUnit.MILLISECONDS);
            if (first == null) {
                return 0;
            }
            buffer[0] = first;
            int n = 1;
            Byte next;
            while (n < buffer.length && (next = replies.poll()) != null) {
                buffer[n++] = next;
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the simulator");
        }
    }

    @Override
    public void close() {
        replies.clear();
    }
}
