package org.jinban.sync.client;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Outbound frames, one write at a time: Jetty refuses a second {@code sendText} while one is
 * pending, so the next write starts only when the previous one's callback completes.
 *
 * <p>The first failed write is reported once to {@code onFailure} and closes the queue (the
 * connection is gone; what was queued is resent after reconnecting, because the outbox and the
 * cursors, not this queue, are the record of what is done). Bounded: a hub that stops reading
 * must not grow the kiosk's heap without limit.
 */
public final class SendQueue {

    /** Writes one frame and tells {@code done} how it went, possibly on another thread. */
    @FunctionalInterface
    public interface Writer {
        void write(String frame, Completion done);
    }

    /** The outcome of one write; exactly one of the two is called. */
    public interface Completion {
        void succeeded();

        void failed(Throwable cause);
    }

    private final Writer writer;
    private final int capacity;
    private final Consumer<Throwable> onFailure;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private boolean writing;
    private boolean closed;

    public SendQueue(Writer writer, int capacity, Consumer<Throwable> onFailure) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Queues a frame and starts writing it if nothing is being written.
     *
     * @return false if the queue is closed (the connection failed or was closed)
     * @throws SyncException if {@code capacity} frames are already waiting
     */
    public boolean offer(String frame) {
        Objects.requireNonNull(frame, "frame");
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (pending.size() >= capacity) {
                throw new SyncException("send queue full (" + capacity + " frames waiting): the hub is not reading");
            }
            pending.addLast(frame);
            if (writing) {
                return true;
            }
            writing = true;
        }
        writeNext();
        return true;
    }

    /** Drops what is waiting and refuses more; a write in progress finishes on its own. */
    public synchronized void close() {
        closed = true;
        pending.clear();
    }

    public synchronized int size() {
        return pending.size();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void writeNext() {
        String frame;
        synchronized (this) {
            frame = closed ? null : pending.pollFirst();
            if (frame == null) {
                writing = false;
                return;
            }
        }
        Completion done = new Completion() {
            private boolean completed;

            @Override
            public void succeeded() {
                if (once()) {
                    writeNext();
                }
            }

            @Override
            public void failed(Throwable cause) {
                if (once()) {
                    fail(cause);
                }
            }

            private synchronized boolean once() {
                boolean first = !completed;
                completed = true;
                return first;
            }
        };
        try {
            writer.write(frame, done);
        } catch (RuntimeException e) {
            done.failed(e);
        }
    }

    private void fail(Throwable cause) {
        synchronized (this) {
            boolean wasClosed = closed;
            closed = true;
            writing = false;
            pending.clear();
            if (wasClosed) {
                return;
            }
        }
        onFailure.accept(cause);
    }
}
