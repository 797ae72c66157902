package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One diagnostics run: each collector on its own, within its time limit, its failure written
 * down as its error; then every entry masked for secrets, the summary written first, and the
 * archive written whole ({@link ArchiveWriter}).
 */
final class Diagnosis {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** What was written and found. */
    record Outcome(Path archive, long bytes, List<String> entries, List<String> problems,
                   List<String> notCollected, List<String> collected) {
        boolean healthy() {
            return problems.isEmpty();
        }
    }

    private final DiagnoseSettings settings;
    private final List<String> journalCommand;

    Diagnosis(DiagnoseSettings settings, List<String> journalCommand) {
        this.settings = settings;
        this.journalCommand = journalCommand;
    }

    /** Collects everything and writes the archive; an {@link IOException} only when the archive could not be written. */
    Outcome run() throws IOException {
        ConfigView config = ConfigView.read(settings.configFile(), settings.enrollmentFile());
        Instant now = settings.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        String kioskId = kioskId(config);
        List<Collector> collectors = List.of(
                new VersionsCollector(settings.libDir(), settings.clock()),
                new ConfigCollector(settings.configFile(), settings.enrollmentFile(), settings.secretDir(), config),
                new LogsCollector(settings.logDir(), journalCommand),
                new DevicesCollector(settings.devDir(), config),
                new ServiceCollector(settings.kioskUrl(), settings.httpTimeout()),
                new DatabaseCollector(settings.dataDir(), settings.dbCheckTimeout()));
        List<Section> sections = new ArrayList<>();
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().daemon().name("jinban-diagnose-", 0).factory());
        try {
            for (Collector c : collectors) {
                sections.add(run(executor, c));
            }
        } finally {
            executor.shutdownNow();
        }

        SecretMask mask = SecretMask.of(config, settings.secretDir());
        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> notCollected = new ArrayList<>();
        List<String> collected = new ArrayList<>();
        List<String> leaked = new ArrayList<>();
        for (Section s : sections) {
            s.entries().forEach((name, bytes) -> {
                SecretMask.Masked m = mask.mask(new String(bytes, StandardCharsets.UTF_8));
                if (m.count() > 0) {
                    leaked.add(name + " (" + m.count() + ")");
                }
                entries.put(name, m.text().getBytes(StandardCharsets.UTF_8));
            });
            problems.addAll(s.problems());
            notCollected.addAll(s.notCollected());
            collected.addAll(s.collected());
        }
        if (!leaked.isEmpty()) {
            problems.add("secrets: a secret value was found in " + String.join(", ", leaked)
                    + " and masked in this archive; a secret must never be written there: report this as a bug,"
                    + " and treat the credential as exposed (enroll the kiosk again)");
        }
        String name = "jinban-diagnose-" + kioskId + "-" + STAMP.format(now) + ".zip";
        String summary = mask.mask(summary(name, now, kioskId, problems, notCollected, collected, entries)).text();
        Map<String, byte[]> archive = new LinkedHashMap<>();
        archive.put("summary.txt", summary.getBytes(StandardCharsets.UTF_8));
        archive.putAll(entries);
        Path written = ArchiveWriter.write(settings.outDir(), name, archive, now);
        return new Outcome(written, Files.size(written), List.copyOf(archive.keySet()),
                problems.stream().map(p -> mask.mask(p).text()).toList(),
                notCollected.stream().map(p -> mask.mask(p).text()).toList(), collected);
    }

    static Section run(ExecutorService executor, Collector collector) {
        Section section = new Section(collector.title());
        Future<?> done = executor.submit(() -> {
            collector.collect(section);
            return null;
        });
        try {
            done.get(collector.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            section.notCollected(collector.title(), "did not finish within " + collector.timeLimit().toSeconds() + " s");
            section.close();
            done.cancel(true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            section.notCollected(collector.title(), "failed: " + describe(cause));
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            section.entry("errors/" + collector.title().replace(' ', '-') + ".txt", trace.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            section.notCollected(collector.title(), "interrupted");
        }
        section.close();
        return section;
    }

    /** The enrolled kiosk id, safe in a file name, or {@code unenrolled}. */
    static String kioskId(ConfigView config) {
        return config.value("sync.kiosk-id")
                .map(id -> id.replaceAll("[^A-Za-z0-9._-]", "_"))
                .filter(id -> !id.isBlank())
                .orElse("unenrolled");
    }

    private String summary(String name, Instant now, String kioskId, List<String> problems,
                           List<String> notCollected, List<String> collected, Map<String, byte[]> entries) {
        StringBuilder s = new StringBuilder();
        s.append("Jinban diagnostics ").append(name).append("\n\n")
                .append("created:    ").append(now).append(" (this machine's time zone: ")
                .append(ZoneId.systemDefault().getId()).append(")\n")
                .append("kiosk:      ").append(kioskId).append('\n')
                .append("config:     ").append(settings.configFile()).append('\n')
                .append("data dir:   ").append(settings.dataDir()).append('\n')
                .append("log dir:    ").append(settings.logDir()).append('\n')
                .append("kiosk url:  ").append(settings.kioskUrl()).append("\n\n");
        list(s, "Problems found", problems);
        list(s, "Not collected", notCollected);
        list(s, "Collected", collected);
        s.append("Entries:\n");
        entries.forEach((entry, bytes) -> s.append(String.format("  %-32s %,d bytes%n", entry, bytes.length)));
        return s.toString();
    }

    private static void list(StringBuilder s, String title, List<String> lines) {
        s.append(title).append(lines.isEmpty() ? ": none\n" : " (" + lines.size() + "):\n");
        lines.forEach(l -> s.append("  - ").append(l).append('\n'));
        s.append('\n');
    }

    /** An exception in a technician's words: what failed and on which file, without a stack trace. */
    static String describe(Throwable e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile() + " (run diagnose with sudo)";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
