package org.jinban.sync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SendQueueTest {

    /** A socket whose writes complete only when the test says so. */
    private static final class ManualWriter implements SendQueue.Writer {
        final List<String> started = new ArrayList<>();
        final List<SendQueue.Completion> callbacks = new ArrayList<>();

        @Override
        public void write(String frame, SendQueue.Completion done) {
            started.add(frame);
            callbacks.add(done);
        }

        void completeLast() {
            callbacks.get(callbacks.size() - 1).succeeded();
        }

        void failLast(Throwable t) {
            callbacks.get(callbacks.size() - 1).failed(t);
        }
    }

    @Test
    void theNextWriteStartsOnlyWhenThePreviousCompletes() {
        ManualWriter w = new ManualWriter();
        SendQueue q = new SendQueue(w, 10, t -> { });
        q.offer("a");
        q.offer("b");
        q.offer("c");
        assertEquals(List.of("a"), w.started);
        w.completeLast();
        assertEquals(List.of("a", "b"), w.started);
        w.completeLast();
        w.completeLast();
        assertEquals(List.of("a", "b", "c"), w.started);
        assertEquals(0, q.size());
        q.offer("d");
        assertEquals(List.of("a", "b", "c", "d"), w.started);
    }

    @Test
    void synchronousCompletionsDrainInOrder() {
        List<String> written = new ArrayList<>();
        SendQueue q = new SendQueue((f, done) -> {
            written.add(f);
            done.succeeded();
        }, 10, t -> { });
        q.offer("a");
        q.offer("b");
        assertEquals(List.of("a", "b"), written);
    }

    @Test
    void aFailureSurfacesOnceAndClosesTheQueue() {
        ManualWriter w = new ManualWriter();
        List<Throwable> failures = new ArrayList<>();
        SendQueue q = new SendQueue(w, 10, failures::add);
        q.offer("a");
        q.offer("b");
        IOException boom = new IOException("broken pipe");
        w.failLast(boom);
        w.failLast(boom);
        w.completeLast();
        assertEquals(List.of(boom), failures);
        assertTrue(q.isClosed());
        assertFalse(q.offer("c"));
        assertEquals(List.of("a"), w.started);
    }

    @Test
    void aWriterThatThrowsCountsAsAFailedWrite() {
        List<Throwable> failures = new ArrayList<>();
        SendQueue q = new SendQueue((f, done) -> {
            throw new IllegalStateException("closed");
        }, 10, failures::add);
        q.offer("a");
        assertEquals(1, failures.size());
    }

    @Test
    void aFullQueueSaysSo() {
        ManualWriter w = new ManualWriter();
        SendQueue q = new SendQueue(w, 2, t -> { });
        q.offer("in flight");
        q.offer("1");
        q.offer("2");
        SyncException e = assertThrows(SyncException.class, () -> q.offer("3"));
        assertTrue(e.getMessage().contains("send queue full"), e.getMessage());
    }
}
