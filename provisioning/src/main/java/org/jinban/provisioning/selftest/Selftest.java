package org.jinban.provisioning.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the chosen steps in order with a progress line each, and gives every step of the full
 * list a row: the ones not chosen are SKIPPED. A step that throws or overruns its bound fails
 * alone; the next step still runs.
 */
final class Selftest {

    /** One row of the table. */
    record Row(String step, StepResult result) {
    }

    private Selftest() {
    }

    /** Every step, in the order a technician goes round the kiosk. */
    static List<Step> allSteps() {
        return List.of(new PrinterStep(), new ScannerStep(), new IdCardStep(), new LedStep(), new BuzzerStep(),
                new PresenceStep(), new HelpButtonStep(), new HubStep(), new ClockStep());
    }

    static List<String> names() {
        return allSteps().stream().map(Step::name).toList();
    }

    static List<Row> run(List<Step> steps, Set<String> chosen, SelftestContext context) throws InterruptedException {
        List<Step> running = steps.stream().filter(s -> chosen.contains(s.name())).toList();
        List<Row> rows = new ArrayList<>();
        ExecutorService worker = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "selftest-step");
            t.setDaemon(true);
            return t;
        });
        try {
            int n = 0;
            for (Step step : steps) {
                if (!chosen.contains(step.name())) {
                    rows.add(new Row(step.name(), StepResult.skipped("not run (--only/--skip)")));
                    continue;
                }
                n++;
                context.out.println("[" + n + "/" + running.size() + "] " + step.prompt(context));
                context.out.flush();
                StepResult result = runBounded(worker, step, context);
                context.out.printf("      %s  %s%n", result.outcome(), result.detail());
                context.out.flush();
                rows.add(new Row(step.name(), result));
            }
        } finally {
            worker.shutdownNow();
        }
        return rows;
    }

    /**
     * Each step bounds its own waits; this is the backstop for a driver call that hangs on a
     * device (a printer file that blocks, a port that never answers).
     */
    private static StepResult runBounded(ExecutorService worker, Step step, SelftestContext context)
            throws InterruptedException {
        long limit = context.wait.multipliedBy(3).plus(context.blink.multipliedBy(4))
                .plus(context.hubTimeout.multipliedBy(2)).plusSeconds(15).toMillis();
        Future<StepResult> running = worker.submit(() -> step.run(context));
        try {
            return running.get(limit, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return StepResult.fail(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (TimeoutException e) {
            running.cancel(true);
            return StepResult.fail("did not finish within " + SelftestContext.seconds(java.time.Duration.ofMillis(limit))
                    + " (a device did not answer)");
        }
    }

    /** The table: step, result, detail; the detail is never cut, it is what to act on. */
    static String table(List<Row> rows) {
        int width = Math.max("Step".length(), rows.stream().mapToInt(r -> r.step().length()).max().orElse(0));
        StringBuilder s = new StringBuilder();
        String format = "%-" + width + "s  %-7s  %s%n";
        s.append(String.format(format, "Step", "Result", "Detail"));
        s.append(String.format(format, "-".repeat(width), "-------", "------"));
        for (Row row : rows) {
            s.append(String.format(format, row.step(), row.result().outcome(), row.result().detail()));
        }
        return s.toString();
    }

    /** True when every step that ran passed (and at least one ran). */
    static boolean allPassed(List<Row> rows, Set<String> chosen) {
        List<Row> ran = rows.stream().filter(r -> chosen.contains(r.step())).toList();
        return !ran.isEmpty() && ran.stream().allMatch(r -> r.result().outcome() == StepResult.Outcome.PASS);
    }
}
