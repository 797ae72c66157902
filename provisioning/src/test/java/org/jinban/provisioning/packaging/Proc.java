package org.jinban.provisioning.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program with a bound on its time; its output (stdout and stderr together) and status. */
record Proc(int status, String output) {
    static Proc run(Duration timeout, Map<String, String> env, Path dir, List<String> command) {
        try {
            Path log = Files.createTempFile("proc", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                if (dir != null) {
                    builder.directory(dir.toFile());
                }
                builder.environment().putAll(env);
                Process p = builder.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(command + " did not end within " + timeout + ": "
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Proc(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    static Proc run(String... command) {
        return run(Duration.ofSeconds(60), Map.of(), null, List.of(command));
    }

    /** Runs and insists on status 0. */
    static String ok(String... command) {
        Proc p = run(command);
        if (p.status() != 0) {
            throw new AssertionError(String.join(" ", command) + " ended " + p.status() + ": " + p.output());
        }
        return p.output();
    }
}
