package org.jinban.devices.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A pair of connected pseudo-terminals made by {@code socat}: a real serial line for tests,
 * so the code under test opens a device path as it would open {@code /dev/ttyACM0}. Killing
 * it is pulling the cable.
 */
public final class PtyPair implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(5);

    public final Path a;
    public final Path b;
    private final Process socat;

    private PtyPair(Path a, Path b, Process socat) {
        this.a = a;
        this.b = b;
        this.socat = socat;
    }

    public static PtyPair open(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/socat"))) {
            throw new AssertionError("socat is missing: sudo apt-get install socat");
        }
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Process socat = new ProcessBuilder("/usr/bin/socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        long deadline = System.nanoTime() + READY.toNanos();
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                socat.destroyForcibly();
                throw new IOException("socat did not make the pty pair within " + READY);
            }
            Thread.sleep(20);
        }
        return new PtyPair(a, b, socat);
    }

    /**
     * Pulls the cable the hard way (SIGKILL): socat cannot remove its links, so only the dead
     * pty itself tells a driver the port is gone.
     */
    public void kill() {
        socat.destroyForcibly();
        try {
            socat.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pulls the cable: both ends go away. */
    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            socat.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
