package org.jinban.kiosk.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jinban.kiosk.Main;

/**
 * The kiosk as a separate process, started through {@link Main} as in production (with the
 * flags of {@code kiosk/jvm.options}), so a test can {@code kill -9} it and start it again on
 * the same data directory and port. Its log goes to a file next to the data, one per start.
 */
public final class ChildKiosk implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_WAIT = Duration.ofSeconds(90);

    private final Path dir;
    private final Map<String, String> properties;
    private final Map<String, String> environment;
    private volatile int port;
    private Process process;
    private int starts;

    /**
     * @param dir         the kiosk's data goes to {@code dir/data}, its logs to {@code dir/kiosk-N.log}
     * @param properties  system properties ({@code -Dkey=value}) beyond data dir, port and web root
     * @param environment variables for secrets, which must not show on a command line
     */
    public ChildKiosk(Path dir, Map<String, String> properties, Map<String, String> environment) {
        this.dir = dir;
        this.properties = Map.copyOf(properties);
        this.environment = Map.copyOf(environment);
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Starts the process (on the port of the first start, after that) and waits until it listens. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the kiosk runs already");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dserver.port=" + port);
        command.add("-Dkiosk.data-dir=" + dataDir());
        command.add("-Dkiosk.ui.web-root=");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(Main.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("SYNC_") || k.startsWith("KIOSK_"));
        pb.environment().putAll(environment);
        Files.createDirectories(dir);
        Path log = logFile(++starts);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        process = pb.start();
        port = awaitListening(process, log);
    }

    /** {@code kill -9}: no shutdown hook, no clean close of anything. */
    public synchronized void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the kiosk did not die from SIGKILL");
        }
    }

    /** SIGTERM: the kiosk closes itself cleanly through its shutdown hook. */
    public synchronized void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the kiosk did not stop within 30 s of SIGTERM");
        }
    }

    /** The port it listens on; the same across restarts. */
    public int port() {
        return port;
    }

    public int starts() {
        return starts;
    }

    /** What the kiosk has logged since it was last started. */
    public synchronized String log() throws IOException {
        return new String(Files.readAllBytes(logFile(starts)), StandardCharsets.UTF_8);
    }

    /** The log files of every start so far. */
    public synchronized List<Path> logs() {
        List<Path> logs = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            logs.add(logFile(i));
        }
        return logs;
    }

    private Path logFile(int start) {
        return dir.resolve("kiosk-" + start + ".log");
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The production flags (kiosk/jvm.options), so the test runs the kiosk as sized for the Pi. */
    private static List<String> jvmOptions() throws IOException {
        Path options = Path.of("jvm.options"); // the module directory is the working directory
        if (!Files.exists(options)) {
            options = Path.of("kiosk", "jvm.options");
        }
        return Files.readAllLines(options, StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static int awaitListening(Process p, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                // bytes, not readString: the last line may end inside a character
                Matcher m = LISTENING.matcher(new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the kiosk exited (" + p.exitValue() + ") before it listened; see "
                        + log);
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the kiosk did not listen within " + START_WAIT.toSeconds() + " s; see " + log);
    }
}
