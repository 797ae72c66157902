package org.jinban.bench;

import java.util.Arrays;

/** Percentiles of a set of samples (nearest-rank). */
record Stats(double p50, double p99, double max, int n) {
    static Stats of(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        return new Stats(rank(s, 0.50), rank(s, 0.99), s[s.length - 1], s.length);
    }

    private static double rank(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
