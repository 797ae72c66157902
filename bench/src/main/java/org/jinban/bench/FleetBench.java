package org.jinban.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./run bench --parts fleet}: many simulated kiosks on one reference hub (issue 5).
 *
 * <p>For each fleet size of the ramp, a fresh hub starts as a child JVM with {@code -Xmx512m},
 * the kiosks are enrolled through its admin API, connect and say hello, heartbeat at the
 * (short) period given, and each files a few appeals; then one status change per kiosk goes
 * through the admin API from a few clients while the heartbeats go on, and each is timed from
 * just before the admin call to the moment its kiosk had applied it and sent its cursor. The
 * ramp stops at the first size that does not keep up: p99 above 500 ms, a kiosk not welcomed
 * or disconnected, a protocol error, a status change never applied, or the hub out of heap.
 *
 * <p>Beside the latencies it reads, from outside the hub, what could bound it: CPU time (and
 * the bench's own, which shares the machine), threads, heap after a full GC and at its peak
 * (from the GC log), and the SQLite write transactions the traffic asked of it. Those are
 * counted from what the kiosks sent, since the hub commits exactly one transaction for each
 * heartbeat ({@code contact}), cursor ({@code saveCursor}), push and status change, and six
 * for each hello (contact and a cursor per stream).
 */
final class FleetBench {
    private static final double LATENCY_TARGET_MS = 500;
    private static final double HEAP_LIMIT_MIB = 512;
    private static final int HELLO_TRANSACTIONS = 6;

    record Options(List<Integer> ramp, int heartbeatSeconds, int filings, int adminThreads, Path hubJar) {
    }

    /** One fleet size's figures. */
    record Step(int kiosks, int welcomed, double enrollSeconds, double connectSeconds, Stats ack, Stats push,
                int missing, double pushSeconds, double steadyHubCpu, double steadyBenchCpu, double steadyTxPerSecond,
                double pushHubCpu, double pushBenchCpu, double pushTxPerSecond, int maxThreads, double heapAfterGcMiB,
                double peakHeapMiB, int fullGcs, double rssMiB, int errors, int disconnects, boolean outOfMemory,
                List<String> problems, String failure) {

        /** A size whose run broke off: {@code failure} says where. */
        static Step failed(int kiosks, String failure) {
            Stats none = Stats.of(new double[] {Double.NaN});
            return new Step(kiosks, 0, 0, 0, none, none, kiosks, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, 0,
                    Double.NaN, 0, 0, false, List.of(), failure);
        }

        /** Why this size did not keep up, or null if it did. */
        String shortfall() {
            if (failure != null) {
                return failure;
            }
            if (outOfMemory) {
                return "the hub ran out of heap";
            }
            if (welcomed < kiosks) {
                return (kiosks - welcomed) + " kiosks not welcomed";
            }
            if (disconnects > 0) {
                return disconnects + " disconnects";
            }
            if (errors > 0) {
                return errors + " protocol errors";
            }
            if (missing > 0) {
                return missing + " status changes not applied in time";
            }
            if (push.p99() > LATENCY_TARGET_MS) {
                return String.format(Locale.ROOT, "p99 %.0f ms > %.0f ms", push.p99(), LATENCY_TARGET_MS);
            }
            return null;
        }
    }

    private FleetBench() {
    }

    static List<String> run(Path work, Options options) throws Exception {
        List<String> rows = new ArrayList<>();
        Step last = null;
        Step lastGood = null;
        for (int n : options.ramp()) {
            try {
                last = step(work, options, n);
            } catch (Exception e) {
                System.err.printf("fleet %,d: the run broke off: %s%n", n, e);
                last = Step.failed(n, "the run broke off: " + e.getMessage());
            }
            rows.addAll(rows(last, options));
            if (last.shortfall() != null) {
                break;
            }
            lastGood = last;
        }
        String ceiling;
        if (last != null && last.shortfall() != null) {
            ceiling = String.format(Locale.ROOT, "%s, not with %,d kiosks (%s)",
                    lastGood == null ? "kept up with none of the sizes tried"
                            : String.format(Locale.ROOT, "kept up with %,d kiosks", lastGood.kiosks()),
                    last.kiosks(), last.shortfall());
        } else {
            ceiling = "kept up with every size tried, up to " + String.format(Locale.ROOT, "%,d", last.kiosks())
                    + " kiosks (ramp further to find the ceiling)";
        }
        System.err.println("fleet: " + ceiling);
        rows.add("| fleet ceiling (heartbeat " + options.heartbeatSeconds() + " s): " + ceiling + " | | | | |");
        return rows;
    }

    private static Step step(Path work, Options o, int n) throws Exception {
        Path dir = work.resolve("fleet-" + n);
        java.nio.file.Files.createDirectories(dir);
        System.err.printf("fleet %,d: starting the hub (-Xmx512m, heartbeat %d s)%n", n, o.heartbeatSeconds());
        try (HubProcess hub = HubProcess.start(o.hubJar(), dir.resolve("hub-data"), o.heartbeatSeconds(), "512m", dir);
             ThreadWatch threads = new ThreadWatch(hub)) {
            HubAdmin admin = new HubAdmin(hub.adminUri());
            long t = System.nanoTime();
            List<String> credentials = Fleet.enroll(admin, n, o.adminThreads());
            double enrollSeconds = seconds(t);
            System.err.printf("fleet %,d: enrolled in %.1f s%n", n, enrollSeconds);
            try (Fleet fleet = new Fleet()) {
                t = System.nanoTime();
                int welcomed = fleet.connect(hub.syncUri(), credentials, o.heartbeatSeconds());
                double connectSeconds = seconds(t);
                System.err.printf("fleet %,d: %,d welcomed in %.1f s (%,.0f hub transactions/s)%n", n, welcomed,
                        connectSeconds, welcomed * HELLO_TRANSACTIONS / connectSeconds);

                t = System.nanoTime();
                Load filing = Load.start(hub, fleet.tally);
                Stats ack = Stats.of(orZero(fleet.file(o.filings(), filingSpread(o))));
                Load.Figures filed = filing.end(0);
                System.err.printf("fleet %,d: %,d appeals filed in %.1f s, push → ack median %.1f ms, p99 %.1f ms;"
                                + " hub CPU %.0f%%, bench CPU %.0f%%, %,.0f hub transactions/s%n",
                        n, ack.n(), seconds(t), ack.p50(), ack.p99(), filed.hubCpu(), filed.benchCpu(),
                        filed.txPerSecond());

                // Steady state: heartbeats only, for two periods.
                Load steady = Load.start(hub, fleet.tally);
                Thread.sleep(Duration.ofSeconds(2L * o.heartbeatSeconds()));
                Load.Figures quiet = steady.end(0);
                System.err.printf("fleet %,d: heartbeats only: hub CPU %.0f%%, bench CPU %.0f%%, %,.0f hub transactions/s%n",
                        n, quiet.hubCpu(), quiet.benchCpu(), quiet.txPerSecond());

                Load pushing = Load.start(hub, fleet.tally);
                Fleet.PushResult pushed = fleet.pushStatusToAll(admin, o.adminThreads(), Duration.ofSeconds(60));
                Load.Figures busy = pushing.end(n);
                Stats push = Stats.of(orZero(pushed.latenciesMs()));
                System.err.printf("fleet %,d: %,d status changes applied in %.1f s (%d missing): median %.1f ms,"
                                + " p99 %.1f ms, max %.1f ms; hub CPU %.0f%%, bench CPU %.0f%%, %,.0f hub transactions/s%n",
                        n, push.n(), pushed.seconds(), pushed.missing(), push.p50(), push.p99(), push.max(),
                        busy.hubCpu(), busy.benchCpu(), busy.txPerSecond());

                boolean alive = hub.isAlive();
                double peak = alive ? Math.max(hub.peakHeapMiB(), hub.heapUsedMiB()) : hub.peakHeapMiB();
                double afterGc = alive ? hub.heapAfterGcMiB() : Double.NaN;
                double rss = alive ? hub.rssMiB() : Double.NaN;
                int[] gcs = hub.collections();
                Step step = new Step(n, welcomed, enrollSeconds, connectSeconds, ack, push, pushed.missing(),
                        pushed.seconds(), quiet.hubCpu(), quiet.benchCpu(), quiet.txPerSecond(), busy.hubCpu(),
                        busy.benchCpu(), busy.txPerSecond(), threads.max(), afterGc, peak, gcs[1], rss,
                        fleet.tally.errors.get(), fleet.tally.disconnects.get(), !alive || hub.outOfMemory(),
                        List.copyOf(fleet.tally.firstProblems), null);
                System.err.printf("fleet %,d: hub heap %.0f MiB after a full GC, peak %.0f MiB (%d full GCs in the run);"
                                + " RSS %.0f MiB; at most %d threads; %d errors, %d disconnects; %s%n",
                        n, afterGc, peak, gcs[1], rss, threads.max(), step.errors(), step.disconnects(),
                        step.shortfall() == null ? "kept up" : "did not keep up: " + step.shortfall());
                step.problems().forEach(p -> System.err.println("  " + p));
                if (step.shortfall() != null) {
                    hubComplaints(hub);
                }
                return step;
            }
        }
    }

    /** Filings start spread over three heartbeat periods, as a fleet's residents come and go. */
    static Duration filingSpread(Options o) {
        return Duration.ofSeconds(3L * o.heartbeatSeconds());
    }

    /** The hub's warnings and errors, and how its connections ended, before its log is deleted. */
    private static void hubComplaints(HubProcess hub) throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(hub.log);
        lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).limit(10)
                .forEach(l -> System.err.println("  hub: " + l));
        java.util.Map<String, Long> closes = lines.stream().filter(l -> l.contains(" disconnected ("))
                .map(l -> l.substring(l.indexOf(" disconnected (") + 15, l.length() - 1))
                .collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
        System.err.println("  hub: connections closed, by code and reason: " + closes);
    }

    private static List<String> rows(Step s, Options o) {
        String size = String.format(Locale.ROOT, "fleet %,d kiosks, heartbeat %d s", s.kiosks(), o.heartbeatSeconds());
        List<String> rows = new ArrayList<>();
        if (s.failure() != null) {
            rows.add("| " + size + ": " + s.failure() + " | | | | |");
            return rows;
        }
        rows.add(String.format(Locale.ROOT, "| %s: status change → applied at the kiosk (%d admin clients; max %.0f ms;"
                        + " %d missing) | %.1f ms | %.1f ms | %d | p99 ≤ 500 ms |", size, o.adminThreads(), s.push().max(),
                s.missing(), s.push().p50(), s.push().p99(), s.push().n()));
        rows.add(String.format(Locale.ROOT, "| %s: push → ack, %d appeals per kiosk, starting within %d s | %.1f ms"
                        + " | %.1f ms | %d | |", size, o.filings(), filingSpread(o).toSeconds(), s.ack().p50(),
                s.ack().p99(), s.ack().n()));
        rows.add(String.format(Locale.ROOT, "| %s: hub heap after a full GC / peak (-Xmx512m) | %.0f MiB | %.0f MiB"
                + " | 1 | ≤ 512 MB |", size, s.heapAfterGcMiB(), s.peakHeapMiB()));
        rows.add(String.format(Locale.ROOT, "| %s: hub CPU (of one core) / SQLite write tx/s, heartbeats only |"
                + " %.0f %% | %,.0f tx/s | | |", size, s.steadyHubCpu(), s.steadyTxPerSecond()));
        rows.add(String.format(Locale.ROOT, "| %s: hub CPU / SQLite write tx/s / bench CPU, during the push |"
                + " %.0f %% | %,.0f tx/s | | bench %.0f %% |", size, s.pushHubCpu(), s.pushTxPerSecond(),
                s.pushBenchCpu()));
        rows.add(String.format(Locale.ROOT, "| %s: hub threads (max) / RSS / errors / disconnects | %d | %.0f MiB"
                + " | | %d errors, %d disconnects |", size, s.maxThreads(), s.rssMiB(), s.errors(), s.disconnects()));
        return rows;
    }

    private static double[] orZero(double[] samples) {
        return samples.length == 0 ? new double[] {Double.NaN} : samples;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * CPU of the hub and of the bench, and the hub's write transactions, over a stretch of the
     * run. Percentages are of one core (the machine's two cores make 200 %).
     */
    private record Load(HubProcess hub, Fleet.Tally tally, long startNanos, double hubCpu0, double benchCpu0,
                        long tx0) {
        record Figures(double hubCpu, double benchCpu, double txPerSecond) {
        }

        static Load start(HubProcess hub, Fleet.Tally tally) throws IOException {
            return new Load(hub, tally, System.nanoTime(), hub.cpuSeconds(),
                    HubProcess.cpuSeconds(ProcessHandle.current().pid()), transactions(tally));
        }

        /** @param adminTransactions status changes made in the stretch, one transaction each */
        Figures end(long adminTransactions) throws IOException {
            double seconds = seconds(startNanos);
            double hubCpu = hub.isAlive() ? hub.cpuSeconds() - hubCpu0 : Double.NaN;
            double benchCpu = HubProcess.cpuSeconds(ProcessHandle.current().pid()) - benchCpu0;
            long tx = transactions(tally) - tx0 + adminTransactions;
            return new Figures(100 * hubCpu / seconds, 100 * benchCpu / seconds, tx / seconds);
        }

        private static long transactions(Fleet.Tally t) {
            return t.heartbeats.sum() + t.cursors.sum() + t.pushes.sum();
        }
    }

    /** Samples the hub's thread count every 200 ms and keeps the largest. */
    private static final class ThreadWatch implements AutoCloseable {
        private final Thread sampler;
        private volatile int max;

        ThreadWatch(HubProcess hub) {
            sampler = Thread.ofPlatform().daemon().name("fleet-thread-watch").start(() -> {
                while (!Thread.currentThread().isInterrupted() && hub.isAlive()) {
                    try {
                        max = Math.max(max, hub.threads());
                        Thread.sleep(200);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
        }

        int max() {
            return max;
        }

        @Override
        public void close() {
            sampler.interrupt();
        }
    }
}
