package org.jinban.kiosk.catalog;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs the pure-Java half of indexing many items (JSON, pinyin, grams: about half the CPU of a
 * large import) on worker threads a few chunks ahead of the one thread that writes SQLite, and
 * hands the results to it in input order. The workers touch no database: whatever they make
 * is written, or rolled back, by the writer's transaction alone.
 */
final class Pipeline {
    /** Items per task: big enough to dwarf a hand-over, small enough to start writing at once. */
    static final int CHUNK = 128;
    /**
     * Chunks made ahead of the writer per worker: bounds the heap the results can take (about
     * 6 MB for two workers), and lets the workers go on while the writer spends a few hundred
     * milliseconds on a batch of FTS rows.
     */
    private static final int AHEAD_PER_WORKER = 8;

    private Pipeline() {
    }

    /** Takes what the writer is handed; runs on the caller's thread. */
    @FunctionalInterface
    interface Sink<T> {
        void accept(T value) throws SQLException;
    }

    /**
     * {@code sink.accept(make.apply(chunk))} for each chunk of {@link #CHUNK} inputs in order;
     * {@code make} runs on worker threads when there is more than one chunk and more than one
     * processor. A failure of either stops the rest and is thrown here.
     */
    static <A, B> void inChunks(List<A> inputs, Function<List<A>, B> make, Sink<B> sink) throws SQLException {
        inChunks(inputs, CHUNK, make, sink);
    }

    /** As {@link #inChunks(List, Function, Sink)}, in chunks of {@code chunk} inputs. */
    static <A, B> void inChunks(List<A> inputs, int chunk, Function<List<A>, B> make, Sink<B> sink)
            throws SQLException {
        int workers = Runtime.getRuntime().availableProcessors();
        if (inputs.size() <= chunk || workers < 2) {
            if (!inputs.isEmpty()) {
                sink.accept(make.apply(inputs));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "catalog-index");
            t.setDaemon(true);
            return t;
        });
        try {
            int chunks = (inputs.size() + chunk - 1) / chunk;
            Deque<Future<B>> ahead = new ArrayDeque<>();
            int submitted = 0;
            for (int written = 0; written < chunks; written++) {
                while (submitted < chunks && ahead.size() < workers * AHEAD_PER_WORKER) {
                    List<A> part = inputs.subList(submitted * chunk, Math.min(inputs.size(), (submitted + 1) * chunk));
                    ahead.add(pool.submit(() -> make.apply(part)));
                    submitted++;
                }
                sink.accept(await(ahead.removeFirst()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing catalog items", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("indexing catalog items failed", e.getCause());
        }
    }
}
