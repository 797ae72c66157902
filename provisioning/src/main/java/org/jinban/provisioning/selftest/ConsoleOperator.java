package org.jinban.provisioning.selftest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The technician at the kiosk: does what the prompts say and answers y/n on the console. A
 * question unanswered within its time counts as "no answer" (a failure of that step), so an
 * unattended run never hangs.
 */
final class ConsoleOperator implements Operator {
    private static final String END = "\u0000end";

    private final PrintWriter out;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    ConsoleOperator(InputStream in, PrintWriter out) {
        this.out = out;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the console went away: every later question goes unanswered
            }
            lines.add(END);
        }, "selftest-console");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void act(Action action) {
        // the prompt has told the technician what to do
    }

    @Override
    public Answer confirm(String question, BooleanSupplier driverSays, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        out.print("      " + question + " [y/n] (" + SelftestContext.seconds(timeout) + ") ");
        out.flush();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null || line.equals(END)) {
                    if (line != null) {
                        lines.add(END); // stays at the end for the next question
                    }
                    out.println();
                    out.flush();
                    return new Answer(null, "no answer from the technician");
                }
                Optional<Boolean> yes = parse(line);
                if (yes.isPresent()) {
                    return new Answer(yes.get(), "confirmed by the technician");
                }
                out.print("      please answer y or n: ");
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted");
        }
    }

    static Optional<Boolean> parse(String line) {
        return switch (line.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "是" -> Optional.of(true);
            case "n", "no", "否" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
