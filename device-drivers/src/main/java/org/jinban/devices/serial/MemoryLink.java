package org.jinban.devices.serial;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

/**
 * One end of an in-memory serial line made of two piped streams: the simulators' line in the
 * demo (a driver and its simulator in one process) and in tests. Closing either end makes the
 * other end's reads fail, like a pulled USB adapter.
 */
public final class MemoryLink implements SerialLink {

    private final String name;
    private final PipedInputStream in;
    private final PipedOutputStream out;
    private volatile boolean closed;
    private MemoryLink peer;

    private MemoryLink(String name, PipedInputStream in, PipedOutputStream out) {
        this.name = name;
        this.in = in;
        this.out = out;
    }

    /** [0] is the host side, [1] the device side. */
    public static MemoryLink[] pair() {
        try {
            PipedInputStream hostIn = new PipedInputStream(8192);
            PipedInputStream deviceIn = new PipedInputStream(8192);
            MemoryLink host = new MemoryLink("mem-host", hostIn, new PipedOutputStream(deviceIn));
            MemoryLink device = new MemoryLink("mem-device", deviceIn, new PipedOutputStream(hostIn));
            host.peer = device;
            device.peer = host;
            return new MemoryLink[] {host, device};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        alive();
        out.write(bytes);
        out.flush();
    }

    @Override
    public int read(byte[] buf, int timeoutMs) throws IOException {
        long deadline = System.nanoTime() + Math.max(1, timeoutMs) * 1_000_000L;
        while (true) {
            alive();
            int available = in.available();
            if (available > 0) {
                return in.read(buf, 0, Math.min(available, buf.length));
            }
            if (System.nanoTime() >= deadline) {
                return 0;
            }
            try {
                Thread.sleep(1); // PipedInputStream cannot wait with a timeout; 1 ms polling is plenty here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }
    }

    private void alive() throws IOException {
        if (closed || peer.closed) {
            throw new IOException(name + " closed");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        closed = true;
    }
}
