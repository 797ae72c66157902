package org.jinban.kiosk.systemd;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.jinban.kiosk.store.Database;

/**
 * The watchdog's self-check: the web server is running and the database answers
 * {@code SELECT 1} within the bound. The query runs on its own virtual thread, so a database
 * stuck in a lock or on a dying SD card makes the check fail in time instead of hanging the
 * watchdog thread with it.
 */
public final class KioskSelfCheck implements SelfCheck {
    private final BooleanSupplier serverRunning;
    private final Database db;

    public KioskSelfCheck(BooleanSupplier serverRunning, Database db) {
        this.serverRunning = serverRunning;
        this.db = db;
    }

    @Override
    public Optional<String> problem(Duration bound) {
        if (!serverRunning.getAsBoolean()) {
            return Optional.of("the web server is not running");
        }
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("jinban-selfcheck").start(() -> {
            try {
                answer.complete(db.read("check the database", c -> {
                    try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT 1")) {
                        return rs.next() ? rs.getInt(1) : 0;
                    }
                }));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            int one = answer.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            return one == 1 ? Optional.empty() : Optional.of("the database answered SELECT 1 with " + one);
        } catch (TimeoutException e) {
            return Optional.of("the database did not answer within " + bound.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of("the database does not answer: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
