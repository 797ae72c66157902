package org.jinban.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A server started as its own JVM, timed from launch until its health endpoint says UP. */
final class ChildProcess implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    final Process process;
    final int port;
    final double startMillis;

    private ChildProcess(Process process, int port, double startMillis) {
        this.process = process;
        this.port = port;
        this.startMillis = startMillis;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Launches {@code command} (which must listen on {@code port}) and waits for /observe/health UP. */
    static ChildProcess start(List<String> command, int port, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (command.contains("-XX:+UseSerialGC")) {
            // launched as the kiosk is (./run demo, the service unit): few glibc malloc arenas
            builder.environment().put("MALLOC_ARENA_MAX", "2");
        }
        Process p = builder.start();
        while (System.nanoTime() - started < START_LIMIT.toNanos()) {
            if (!p.isAlive()) {
                throw new IllegalStateException("server exited with " + p.exitValue() + "; see " + log + ":\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<String> res = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 200 && res.body().contains("UP")) {
                    return new ChildProcess(p, port, (System.nanoTime() - started) / 1e6);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(2);
        }
        p.destroyForcibly();
        throw new IllegalStateException("server did not become healthy within " + START_LIMIT + "; see " + log);
    }

    /** Resident set size in MiB, from /proc (Linux). */
    double rssMiB() throws IOException {
        return rssMiB(String.valueOf(process.pid()));
    }

    /** Resident set size in MiB of process {@code pid} ({@code "self"}: this JVM), from /proc (Linux). */
    static double rssMiB(String pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
