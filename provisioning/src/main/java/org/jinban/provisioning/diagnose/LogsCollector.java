package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The last of the kiosk's logs: the tail of each {@code *.log} and {@code *.log.1} in the log
 * directory (at most {@value #MAX_BYTES} bytes and {@value #MAX_LINES} lines of each) and the
 * systemd journal of the kiosk and screen services when {@code journalctl} is there. All of it
 * goes through the {@link PersonalDataScrubber}; anything it masks is reported as a bug.
 */
final class LogsCollector implements Collector {
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int MAX_LINES = 20_000;
    /** All log files together: beyond this the older files are named but not copied. */
    static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;
    static final List<String> JOURNAL = List.of("journalctl", "-u", "jinban-kiosk", "-u", "jinban-screen",
            "-n", "5000", "--no-pager", "-o", "short-iso");
    private static final Duration JOURNAL_LIMIT = Duration.ofSeconds(30);

    private final Path logDir;
    private final List<String> journalCommand;

    LogsCollector(Path logDir, List<String> journalCommand) {
        this.logDir = logDir;
        this.journalCommand = journalCommand;
    }

    @Override
    public String title() {
        return "logs";
    }

    @Override
    public Duration timeLimit() {
        return Duration.ofSeconds(90);
    }

    @Override
    public void collect(Section section) throws InterruptedException {
        PersonalDataScrubber scrubber = new PersonalDataScrubber();
        files(section, scrubber);
        journal(section, scrubber);
        section.collected("personal-data scrubber: " + scrubber.idNumbers() + " ID number(s) and "
                + scrubber.phones() + " mobile number(s) masked in the logs");
        if (scrubber.total() > 0) {
            section.problem("logs: " + scrubber.idNumbers() + " ID number(s) and " + scrubber.phones()
                    + " mobile number(s) were found in the logs and masked in this archive; personal data must"
                    + " never be logged: report this as a bug");
        }
    }

    private void files(Section section, PersonalDataScrubber scrubber) {
        List<Path> logs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(logDir, "*.{log,log.1}")) {
            stream.forEach(logs::add);
        } catch (NoSuchFileException e) {
            section.notCollected("log files", "no log directory " + logDir);
            return;
        } catch (IOException e) {
            section.notCollected("log files", "cannot list " + logDir + ": " + Diagnosis.describe(e));
            return;
        }
        if (logs.isEmpty()) {
            section.notCollected("log files", "no *.log in " + logDir);
            return;
        }
        // the current logs before the rotated ones, so that the budget goes to the newest lines
        logs.sort(Comparator.comparing((Path p) -> p.getFileName().toString().endsWith(".1"))
                .thenComparing(Comparator.naturalOrder()));
        long budget = MAX_TOTAL_BYTES;
        for (Path log : logs) {
            if (!Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
                // a link in the service user's log directory could point a root run at any file
                section.notCollected(log.toString(), "not a regular file (a symbolic link?): not followed");
                continue;
            }
            if (budget <= 0) {
                section.notCollected(log.toString(), "the logs already take " + MAX_TOTAL_BYTES / (1024 * 1024)
                        + " MB of the archive");
                continue;
            }
            try {
                Tail tail = tail(log);
                budget -= tail.text().length();
                String header = "# " + log + ": " + (tail.cut() ? "the last " + tail.lines() + " lines of "
                        + tail.size() + " bytes" : "all of its " + tail.size() + " bytes") + "\n";
                section.entry("logs/" + log.getFileName(), header + scrubber.scrub(tail.text()));
                section.collected("logs/" + log.getFileName() + (tail.cut() ? " (last " + tail.lines() + " lines)" : ""));
            } catch (IOException e) {
                section.notCollected(log.toString(), Diagnosis.describe(e));
            }
        }
    }

    private void journal(Section section, PersonalDataScrubber scrubber) throws InterruptedException {
        try {
            Commands.Result r = Commands.run(JOURNAL_LIMIT, journalCommand);
            if (!r.ok() && r.out().isBlank()) {
                section.notCollected("journal", String.join(" ", journalCommand) + ": " + r.failure());
                return;
            }
            String header = "# " + String.join(" ", journalCommand) + (r.ok() ? "" : " (" + r.failure() + ")")
                    + (r.truncated() ? " (output cut at " + Commands.MAX_OUTPUT + " bytes)" : "") + "\n";
            section.entry("logs/journal.txt", header + scrubber.scrub(r.out()));
            section.collected("logs/journal.txt (journalctl)");
        } catch (Commands.NotAvailable e) {
            section.notCollected("journal", e.getMessage());
        }
    }

    record Tail(String text, long size, int lines, boolean cut) {
    }

    /** The last {@link #MAX_BYTES} bytes and {@link #MAX_LINES} lines, starting at a whole line. */
    static Tail tail(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            long start = Math.max(0, size - MAX_BYTES);
            ByteBuffer read = ByteBuffer.allocate((int) (size - start));
            channel.position(start);
            while (read.hasRemaining() && channel.read(read) >= 0) {
                // a log may shrink while read (rotation): keep what came
            }
            byte[] bytes = Arrays.copyOf(read.array(), read.position());
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            boolean cut = start > 0;
            if (cut) {
                int nl = text.indexOf('\n');
                text = nl >= 0 ? text.substring(nl + 1) : "";
            }
            List<String> lines = text.lines().toList();
            if (lines.size() > MAX_LINES) {
                lines = lines.subList(lines.size() - MAX_LINES, lines.size());
                cut = true;
            }
            return new Tail(String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"), size, lines.size(), cut);
        }
    }
}
