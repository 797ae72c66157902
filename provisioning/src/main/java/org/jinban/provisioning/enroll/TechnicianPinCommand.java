package org.jinban.provisioning.enroll;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.jinban.kiosk.enroll.SafeFiles;
import org.jinban.kiosk.enroll.TechnicianPin;
import org.jinban.kiosk.enroll.TechnicianSetup;
import org.jinban.kiosk.staff.PinHasher;
import org.jinban.provisioning.ProvisionException;
import org.jinban.provisioning.ProvisionMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jinban-provision technician-pin}: sets the PIN that opens the kiosk's technician screen
 * (enrollment by scanning the hub's QR). Only a PBKDF2 hash of it is written, owner-only, to
 * {@code technician-pin} in the secrets' directory; the PIN is read without echo and never
 * printed. The kiosk reads the file at every attempt, so no restart is needed.
 */
@Command(name = "technician-pin", mixinStandardHelpOptions = true,
        description = "Set the PIN of the kiosk's technician screen (asked twice, never shown).")
public final class TechnicianPinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KioskPathOptions paths;

    @Option(names = "--owner", paramLabel = "USER", defaultValue = "jinban",
            description = "the service user the file belongs to when run as root (default: ${DEFAULT-VALUE})")
    String owner;

    @Option(names = "--pin-stdin", description = "read the PIN from the first line of standard input (for scripts)")
    boolean fromStdin;

    @Override
    public Integer call() {
        KioskLayout layout = paths.layout(null);
        FileOwner fileOwner = FileOwner.resolve(owner, layout.configFile().getFileSystem());
        PrintWriter out = spec.commandLine().getOut();
        char[] pin = fromStdin ? stdinPin() : consolePin(out);
        try {
            String text = new String(pin);
            PinHasher.problem(text).ifPresent(problem -> {
                throw new ProvisionException(ProvisionMain.EXIT_FAILED, problem + " Nothing was changed.");
            });
            Path file = layout.secretDir().resolve(TechnicianSetup.PIN_FILE);
            try {
                SafeFiles.directory(layout.secretDir(), "rwx------", fileOwner::secret);
                SafeFiles.replace(file, (TechnicianPin.hash(text) + "\n").getBytes(StandardCharsets.US_ASCII),
                        "rw-------", fileOwner::secret);
            } catch (IOException e) {
                throw new ProvisionException(ProvisionMain.EXIT_FAILED, "cannot write " + file + ": " + e.getMessage()
                        + " (run as root on a kiosk)");
            }
            out.println("Technician PIN set: its hash is in " + file + " (owner-only); the PIN itself is kept nowhere.");
            fileOwner.note().ifPresent(n -> out.println("Note: " + n + "."));
            out.println("The kiosk's technician screen takes it at once: on the \"not yet enrolled\" screen, tap"
                    + " 技术人员 / Technician.");
            return ProvisionMain.EXIT_OK;
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private static char[] stdinPin() {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw new ProvisionException(ProvisionMain.EXIT_USAGE, "--pin-stdin: standard input held no PIN");
            }
            return line.strip().toCharArray();
        } catch (IOException e) {
            throw new ProvisionException(ProvisionMain.EXIT_USAGE, "--pin-stdin: cannot read standard input");
        }
    }

    private static char[] consolePin(PrintWriter out) {
        Console console = System.console();
        if (console == null) {
            throw new ProvisionException(ProvisionMain.EXIT_USAGE, "no terminal to type the PIN at; run this in a"
                    + " terminal, or give it on standard input with --pin-stdin");
        }
        out.flush();
        char[] first = console.readPassword("New technician PIN (6 to 8 digits): ");
        char[] again = console.readPassword("The same PIN again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
            throw new ProvisionException(ProvisionMain.EXIT_FAILED, "the two PINs differ; nothing was changed");
        }
        Arrays.fill(again, '\0');
        return first;
    }
}
