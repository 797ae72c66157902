package org.jinban.kiosk.ime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The lexicon loads once, in the background: later after start, at once when asked for. */
class ImeLoaderTest {
    @Test
    void aRequestStartsTheDelayedLoadAtOnceAndItLoadsOnce() {
        AtomicInteger loads = new AtomicInteger();
        LexiconLoader loader = new LexiconLoader(() -> {
            loads.incrementAndGet();
            return ImeTestLexicon.get();
        });
        loader.startAfter(Duration.ofHours(1));
        assertTrue(loader.ready().isEmpty(), "not before its time");
        assertFalse(loader.failed());
        loader.start();
        // a guard against waiting the hour, not a measure of speed
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertTrue(loader.await().isPresent()));
        loader.start();
        loader.startAfter(Duration.ZERO);
        assertEquals("投诉", loader.ready().orElseThrow().candidates("tousu", 1).getFirst().text());
        assertEquals(1, loads.get());
    }

    @Test
    void aLexiconThatCannotBeReadIsAFailureNotAHang() {
        LexiconLoader loader = new LexiconLoader(() -> {
            throw new IllegalStateException("missing");
        });
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertTrue(loader.await().isEmpty()));
        assertTrue(loader.failed());
        assertTrue(loader.ready().isEmpty());
    }
}
