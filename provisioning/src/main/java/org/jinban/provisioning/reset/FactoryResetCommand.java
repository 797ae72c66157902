package org.jinban.provisioning.reset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.jinban.provisioning.ProvisionException;
import org.jinban.provisioning.ProvisionMain;
import org.jinban.provisioning.enroll.KioskLayout;
import org.jinban.provisioning.enroll.KioskPathOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jinban-provision factory-reset}: wipes the kiosk's personal data, credentials and local
 * state after the technician typed the kiosk id, leaving the technician's config (and, unless
 * {@code --logs}, the logs) and a kiosk ready to enroll again (docs/operations.md, section 8).
 * There is deliberately no option to skip the typed confirmation. Reads the confirmation from
 * standard input ({@code System.in} at the time it runs, so tests can hand it a line).
 */
@Command(name = "factory-reset", mixinStandardHelpOptions = true,
        description = "Wipe personal data, credentials and local state; the kiosk can then be enrolled again.")
public final class FactoryResetCommand implements Callable<Integer> {
    static final String NOT_ENROLLED_WORD = "RESET";

    @Spec
    CommandSpec spec;

    @Mixin
    KioskPathOptions paths;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the data directory (default: the config's kiosk.data-dir)")
    Path dataDir;

    @Option(names = "--logs", description = "also delete the logs")
    boolean logs;

    @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = "/var/log/jinban",
            description = "the logs' directory, with --logs (default: ${DEFAULT-VALUE})")
    Path logDir;

    @Option(names = "--service", paramLabel = "UNIT", defaultValue = "jinban-kiosk",
            description = "the kiosk's systemd unit, which must be stopped (default: ${DEFAULT-VALUE})")
    String unit;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        KioskLayout layout = paths.layout(dataDir);
        KioskService.running(layout.host(), layout.port(), unit).ifPresent(why -> {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "the kiosk service is running (" + why
                    + "); stop it first: systemctl stop " + unit + "; nothing was touched");
        });
        Map<Path, String> targets = targets(layout);
        out.println("Factory reset of this kiosk" + layout.kioskId().map(id -> " (" + id + ")").orElse(" (not enrolled)")
                + ". This deletes:");
        targets.forEach((path, what) -> out.println("  " + path + "  " + what + describe(path)));
        out.println("It keeps " + layout.configFile() + (logs ? "." : " and the logs (add --logs to delete them)."));
        String word = layout.kioskId().orElse(NOT_ENROLLED_WORD);
        out.print("Type " + (layout.kioskId().isPresent() ? "the kiosk id, " + word + "," : word)
                + " to wipe it; anything else aborts: ");
        out.flush();
        String typed = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        out.println();
        if (typed == null || !typed.strip().equals(word)) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "aborted: the confirmation did not match " + word
                    + "; nothing was touched");
        }
        List<String> failures = new ArrayList<>();
        targets.keySet().forEach(path -> wipe(path, failures));
        if (!failures.isEmpty()) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "could not delete everything (" + String.join("; ", failures)
                    + "); fix that and run factory-reset again, which finishes the job");
        }
        out.println("Wiped. The kiosk is ready to be enrolled again: jinban-provision enroll --hub wss://…/sync/v1 --code XXXX-XXXX");
        layout.kioskId().ifPresent(id -> out.println("The hub still knows kiosk " + id
                + ": to enroll this kiosk again under that id, ask its operator to revoke it (hub kiosks revoke " + id
                + ") and then to issue a new code for it."));
        return ProvisionMain.EXIT_OK;
    }

    /**
     * What is wiped, in the order it is wiped. The data secret goes first: without it whatever
     * personal data is left anywhere stays encrypted for good. It is deleted, not overwritten:
     * on flash storage (an SD card) the controller writes an overwrite elsewhere and keeps the old
     * block, so overwriting would promise what it cannot keep; losing the key is the guarantee.
     * The enrollment file goes last: a reset cut short leaves a kiosk that still looks enrolled,
     * and running the reset again finishes it.
     */
    private Map<Path, String> targets(KioskLayout layout) {
        Map<Path, String> t = new LinkedHashMap<>();
        t.put(layout.kioskKey(), "the data secret (the key of the personal data at rest)");
        t.put(layout.dataDir(), "everything in the data directory: the database with appeals and personal data");
        t.put(layout.secretDir(), "everything in the secrets directory: the sync credential, the kiosk's private key");
        layout.credentialFileSetting().ifPresent(p -> t.putIfAbsent(p.toAbsolutePath(), "the sync credential"));
        t.put(layout.identityPub(), "the kiosk's public key");
        t.put(layout.hubPublicKey(), "the hub's public key");
        layout.hubKeyFileSetting().ifPresent(p -> t.putIfAbsent(p.toAbsolutePath(), "the hub's public key"));
        if (logs) {
            t.put(logDir.toAbsolutePath(), "everything in the log directory");
        }
        t.put(layout.enrollmentFile(), "the enrollment (hub, kiosk id, station)");
        t.remove(layout.configFile()); // never the technician's file, whatever a setting says
        t.keySet().stream().filter(p -> layout.configFile().startsWith(p) || p.getNameCount() < 2).findFirst()
                .ifPresent(p -> {
                    throw new ProvisionException(ProvisionMain.EXIT_FAILED, p + " holds the config file or is too near"
                            + " the root to be wiped wholesale; check kiosk.data-dir, --data-dir, --secret-dir and"
                            + " --log-dir; nothing was touched");
                });
        return t;
    }

    private static String describe(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                long n = files.filter(Files::isRegularFile).count();
                return " [" + n + " file" + (n == 1 ? "" : "s") + "]";
            } catch (IOException | java.io.UncheckedIOException e) {
                return " [cannot be listed: " + e.getMessage() + "]";
            }
        }
        return Files.exists(path) ? "" : " [absent]";
    }

    /** Deletes a file, or a directory's contents (the directory stays, with its owner and mode). */
    private static void wipe(Path path, List<String> failures) {
        try {
            if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.walkFileTree(path, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        if (!dir.equals(path)) {
                            Files.deleteIfExists(dir);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } else {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            failures.add(path + ": " + e.getMessage());
        }
    }
}
