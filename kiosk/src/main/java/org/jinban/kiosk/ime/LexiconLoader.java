package org.jinban.kiosk.ime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the lexicon on a thread of its own, once, so that the kiosk starts as fast without it and
 * answers everything else meanwhile; until it is loaded, the input method is "not ready".
 * The kiosk starts it a moment after its server listens ({@link #startAfter}), out of the way of
 * the health checks and the page's first requests; a request for candidates starts it at once.
 */
public final class LexiconLoader {
    private static final Logger LOG = LoggerFactory.getLogger(LexiconLoader.class);

    private final Supplier<Lexicon> source;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch now = new CountDownLatch(1);
    private final CompletableFuture<CandidateSearch> search = new CompletableFuture<>();

    LexiconLoader(Supplier<Lexicon> source) {
        this.source = source;
    }

    /** The lexicon the kiosk module's build puts next to these classes. */
    public static LexiconLoader fromClasspath() {
        return new LexiconLoader(Lexicon::fromClasspath);
    }

    /** Loads now, unless that has begun already. */
    public void start() {
        now.countDown();
        startAfter(Duration.ZERO);
    }

    /** Loads after {@code delay}, or at once if {@link #start()} is called meanwhile; once. */
    public void startAfter(Duration delay) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                now.await(delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            load();
        }, "jinban-ime-load");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void load() {
        long t0 = System.nanoTime();
        try {
            Lexicon lexicon = source.get();
            search.complete(new CandidateSearch(lexicon));
            LOG.info("ime: lexicon loaded: {} entries, {} KB of heap, in {} ms", lexicon.size(),
                    lexicon.footprint() / 1024, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException | Error e) {
            LOG.error("ime: cannot load the lexicon; the keyboard offers no candidates", e);
            search.completeExceptionally(e);
        }
    }

    /** The search, once the lexicon is loaded. */
    public Optional<CandidateSearch> ready() {
        return search.isDone() && !search.isCompletedExceptionally() ? Optional.of(search.join()) : Optional.empty();
    }

    /** Whether loading failed for good (the log says why). */
    public boolean failed() {
        return search.isCompletedExceptionally();
    }

    /** Waits until loaded or failed: for tests and the benchmark. */
    public Optional<CandidateSearch> await() {
        start();
        try {
            return Optional.of(search.join());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
