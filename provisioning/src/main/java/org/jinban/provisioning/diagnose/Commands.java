package org.jinban.provisioning.diagnose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a system program ({@code uname}, {@code journalctl}, {@code ls}) with a time limit and
 * keeps at most a bounded amount of what it prints, so that a hung or chatty program cannot
 * stall or swamp the diagnostics.
 */
final class Commands {
    static final int MAX_OUTPUT = 8 * 1024 * 1024;

    /** What a program printed and how it ended. */
    record Result(int exitCode, String out, String err, boolean timedOut, boolean truncated) {
        boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** One line saying how it failed, for the summary. */
        String failure() {
            if (timedOut) {
                return "did not finish in time";
            }
            String why = err.isBlank() ? out : err;
            String first = why.strip().lines().findFirst().orElse("");
            return "exit status " + exitCode + (first.isEmpty() ? "" : ": " + first);
        }
    }

    /** The program is not installed on this system. */
    static final class NotAvailable extends Exception {
        NotAvailable(String program) {
            super(program + " is not available on this system");
        }
    }

    private Commands() {
    }

    static Result run(Duration limit, String... command) throws NotAvailable, InterruptedException {
        return run(limit, List.of(command));
    }

    static Result run(Duration limit, List<String> command) throws NotAvailable, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().put("SYSTEMD_PAGER", "");
        builder.environment().put("SYSTEMD_COLORS", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new NotAvailable(command.getFirst());
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the program reads nothing; a closed pipe is what we want
        }
        Bounded out = new Bounded(process.getInputStream());
        Bounded err = new Bounded(process.getErrorStream());
        Thread outReader = Thread.ofVirtual().start(out);
        Thread errReader = Thread.ofVirtual().start(err);
        boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(2, TimeUnit.SECONDS);
        }
        outReader.join(2_000);
        errReader.join(2_000);
        return new Result(finished ? process.exitValue() : -1, out.text(), err.text(), !finished,
                out.truncated());
    }

    /** Reads a stream to its end, keeping the first {@link #MAX_OUTPUT} bytes. */
    private static final class Bounded implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;

        Bounded(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[64 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = MAX_OUTPUT - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(room, n));
                        }
                        if (n > room) {
                            truncated = true;
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed or closed its end; keep what came
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }

        boolean truncated() {
            return truncated;
        }
    }
}
