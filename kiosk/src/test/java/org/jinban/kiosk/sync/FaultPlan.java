package org.jinban.kiosk.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * What the fault suite does, drawn from one seed so a failing run can be replayed: the appeals
 * to file, the status changes the hub makes to each (and so the status each must end in), and
 * the faults with the point of the run's progress at which each happens.
 */
final class FaultPlan {
    private static final List<String> CATEGORIES = List.of("URBAN-STREETLIGHT", "SAFETY-FIRE-EXIT",
            "STABILITY-NEIGHBOUR", "STABILITY-PROPERTY-MGMT");

    /** One appeal: its client id and body, and the statuses the hub gives it, in order. */
    record Appeal(int index, UUID id, String category, String description, List<String> statuses) {
        /** The status the kiosk and the hub must show at the end. */
        String finalStatus() {
            return statuses.isEmpty() ? "SUBMITTED" : statuses.getLast();
        }
    }

    enum Kind { DROP, STALL, HUB_RESTART, KIOSK_KILL }

    /**
     * A fault, done once the run's progress (appeals filed plus status changes made) reaches
     * {@code atProgress}; {@code length} is a stall's duration or the time the hub or kiosk
     * stays down.
     */
    record Fault(Kind kind, long atProgress, Duration length) {
    }

    final long seed;
    final List<Appeal> appeals;
    final int statusChanges;
    final List<Fault> faults;

    private FaultPlan(long seed, List<Appeal> appeals, List<Fault> faults) {
        this.seed = seed;
        this.appeals = appeals;
        this.statusChanges = appeals.stream().mapToInt(a -> a.statuses().size()).sum();
        this.faults = faults;
    }

    /**
     * {@code n} appeals and {@code n} status changes: 30 % go IN_PROGRESS then RESOLVED or
     * REJECTED (the order must hold at the kiosk), 40 % get one change, 30 % none (they stay
     * SUBMITTED); then the faults: 20 drops, stalls of which two outlast three heartbeats of
     * {@code heartbeat}, two hub restarts and two kiosk kills.
     */
    static FaultPlan draw(long seed, int n, Duration heartbeat) {
        Random random = new Random(seed);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int pairs = n * 3 / 10;
        int singles = n - 2 * pairs; // so that the changes add up to n
        List<List<String>> statuses = new ArrayList<>(Collections.nCopies(n, List.of()));
        for (int k = 0; k < pairs + singles && k < n; k++) {
            String end = random.nextBoolean() ? "RESOLVED" : "REJECTED";
            if (k < pairs) {
                statuses.set(order.get(k), List.of("IN_PROGRESS", end));
            } else {
                String[] one = {"DISPATCHED", "IN_PROGRESS", "RESOLVED", "REJECTED"};
                statuses.set(order.get(k), List.of(one[random.nextInt(one.length)]));
            }
        }
        List<Appeal> appeals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            appeals.add(new Appeal(i, uuid(random), CATEGORIES.get(random.nextInt(CATEGORIES.size())),
                    "第" + i + "件：小区门口的路灯坏了，晚上看不见路", statuses.get(i)));
        }

        long total = n + appeals.stream().mapToLong(a -> a.statuses().size()).sum();
        Duration silence = heartbeat.multipliedBy(3);
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            faults.add(new Fault(Kind.DROP, point(random, total, 0.03, 0.95), Duration.ZERO));
        }
        for (int i = 0; i < 4; i++) {
            // two stalls well past three silent periods, two shorter than that
            Duration length = i < 2
                    ? silence.plus(heartbeat.multipliedBy(3)).plusMillis(random.nextInt(1_500))
                    : Duration.ofMillis(300 + random.nextInt((int) heartbeat.multipliedBy(2).toMillis()));
            faults.add(new Fault(Kind.STALL, point(random, total, 0.03, 0.95), length));
        }
        // one of each restart in either half, so both meet appeals still to file and statuses to send
        for (int i = 0; i < 2; i++) {
            faults.add(new Fault(Kind.HUB_RESTART, point(random, total, 0.05 + 0.45 * i, 0.45 + 0.45 * i),
                    Duration.ofMillis(200 + random.nextInt(2_000))));
            faults.add(new Fault(Kind.KIOSK_KILL, point(random, total, 0.05 + 0.45 * i, 0.45 + 0.45 * i),
                    Duration.ofMillis(random.nextInt(1_000))));
        }
        faults.sort(java.util.Comparator.comparingLong(Fault::atProgress));
        return new FaultPlan(seed, List.copyOf(appeals), List.copyOf(faults));
    }

    private static long point(Random random, long total, double from, double to) {
        return (long) (total * (from + (to - from) * random.nextDouble()));
    }

    /** A version-4 UUID from the plan's randomness, so a replay files the same ids. */
    private static UUID uuid(Random random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
