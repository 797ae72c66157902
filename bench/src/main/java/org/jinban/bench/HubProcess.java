package org.jinban.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference hub ({@code sync/hub}'s runnable jar) as a child JVM with a capped heap, and
 * what the fleet benchmark reads of it from outside: CPU time and threads from /proc, heap
 * from its GC log and from {@code jcmd} of the bench's own JDK.
 */
final class HubProcess implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** Linux's USER_HZ on every architecture the kiosk and the hub run on. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    final Process process;
    final int port;
    final Path log;
    final Path gcLog;
    final String maxHeap;

    private HubProcess(Process process, int port, Path log, Path gcLog, String maxHeap) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.gcLog = gcLog;
        this.maxHeap = maxHeap;
    }

    /**
     * Starts {@code java -Xmx<maxHeap> -jar hubJar} on a free port over {@code data} and waits
     * until its admin API answers.
     */
    static HubProcess start(Path hubJar, Path data, int heartbeatSeconds, String maxHeap, Path logDir)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(hubJar)) {
            throw new IllegalStateException("no hub jar at " + hubJar + ": build it with"
                    + " 'mvn -q -DskipTests -pl sync/hub -am package' (./run bench does)");
        }
        int port = ChildProcess.freePort();
        Path log = logDir.resolve("hub-" + port + ".log");
        Path gcLog = logDir.resolve("hub-" + port + "-gc.log");
        List<String> cmd = new ArrayList<>(List.of(javaBinary("java"), "-Xmx" + maxHeap,
                "-Xlog:gc:file=" + gcLog, "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + logDir,
                "-jar", hubJar.toString(), "--port", String.valueOf(port), "--data", data.toString(),
                "--heartbeat-seconds", String.valueOf(heartbeatSeconds)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HubProcess hub = new HubProcess(p, port, log, gcLog, maxHeap);
        hub.awaitAdmin();
        return hub;
    }

    URI adminUri() {
        return URI.create("http://127.0.0.1:" + port + "/admin/v1");
    }

    URI syncUri() {
        return URI.create("ws://127.0.0.1:" + port + "/sync/v1");
    }

    private void awaitAdmin() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest kiosks = HttpRequest.newBuilder(URI.create(adminUri() + "/kiosks"))
                .timeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        while (System.nanoTime() - started < START_LIMIT.toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see " + log
                        + ":\n" + Files.readString(log));
            }
            try {
                if (http.send(kiosks, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        close();
        throw new IllegalStateException("the hub did not answer within " + START_LIMIT + "; see " + log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** User + system CPU time the hub has used so far, in seconds. */
    double cpuSeconds() throws IOException {
        return cpuSeconds(process.pid());
    }

    /** User + system CPU time of process {@code pid} so far, in seconds (Linux /proc). */
    static double cpuSeconds(long pid) throws IOException {
        return parseCpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))) / CLOCK_TICKS_PER_SECOND;
    }

    /** utime + stime of a /proc/PID/stat line; the command name may hold spaces and parentheses. */
    static long parseCpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // after "pid (comm) ": state is field 3 of proc(5), so utime (14) and stime (15) are 11 and 12 here
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    int threads() throws IOException {
        return (int) statusField("Threads:");
    }

    double rssMiB() throws IOException {
        return statusField("VmRSS:") / 1024.0;
    }

    private long statusField(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no " + name + " for pid " + process.pid());
    }

    /** Heap in use now, in MiB, as {@code jcmd GC.heap_info} reports it. */
    double heapUsedMiB() throws IOException, InterruptedException {
        return parseHeapUsedKiB(jcmd("GC.heap_info")) / 1024.0;
    }

    /** Runs a full GC in the hub ({@code jcmd GC.run}) and returns the heap in use after it, in MiB. */
    double heapAfterGcMiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        return heapUsedMiB();
    }

    /** The most heap in use before any collection so far, in MiB, from the hub's GC log. */
    double peakHeapMiB() throws IOException {
        return Files.exists(gcLog) ? peakFromGcLog(Files.readString(gcLog)) : 0;
    }

    /** How many collections the GC log shows, and how many of them were full ones. */
    int[] collections() throws IOException {
        if (!Files.exists(gcLog)) {
            return new int[] {0, 0};
        }
        int all = 0;
        int full = 0;
        for (String line : Files.readAllLines(gcLog)) {
            if (GC_LINE.matcher(line).find()) {
                all++;
                if (line.contains("Pause Full")) {
                    full++;
                }
            }
        }
        return new int[] {all, full};
    }

    /** The largest "before" of the {@code 123M->45M(512M)} figures of a unified GC log. */
    static double peakFromGcLog(String gcLog) {
        Matcher m = GC_LINE.matcher(gcLog);
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }

    /** The {@code used NNNK} of the first heap line of {@code GC.heap_info}. */
    static long parseHeapUsedKiB(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        if (!m.find()) {
            throw new IllegalStateException("no 'used ...K' in GC.heap_info:\n" + heapInfo);
        }
        return Long.parseLong(m.group(1));
    }

    /** Whether the hub's log shows it ran out of heap. */
    boolean outOfMemory() throws IOException {
        return Files.readString(log).contains("OutOfMemoryError");
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(javaBinary("jcmd"), String.valueOf(process.pid()), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    private static String javaBinary(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
