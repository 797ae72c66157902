package org.jinban.provisioning;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jinban-provision <command>}: the technician's CLI. Prints plain sentences and tables,
 * never a secret or personal data. Ends {@link #EXIT_OK} when done, {@link #EXIT_FAILED} when
 * something was refused or a check failed (the output says which and why),
 * {@link #EXIT_UNREACHABLE} when the hub or the kiosk service cannot be reached in time, and
 * {@link #EXIT_USAGE} for a wrong command line.
 */
@Command(name = "jinban-provision", mixinStandardHelpOptions = true, versionProvider = ProvisionMain.Version.class,
        description = "Enroll, configure, test and diagnose a Jinban kiosk.",
        subcommands = {org.jinban.provisioning.diagnose.DiagnoseCommand.class, org.jinban.provisioning.enroll.EnrollCommand.class, org.jinban.provisioning.enroll.TechnicianPinCommand.class, org.jinban.provisioning.reset.FactoryResetCommand.class, org.jinban.provisioning.selftest.SelftestCommand.class, org.jinban.provisioning.config.ConfigCommand.class})
public final class ProvisionMain {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_UNREACHABLE = 3;
    public static final int EXIT_USAGE = 64;

    private ProvisionMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI on the console; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the CLI writing to {@code out} and {@code err} (tests); returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ProvisionMain());
        cli.setOut(out);
        cli.setErr(err);
        usageExitCode(cli);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ProvisionException failure) {
                line.getErr().println("error: " + failure.getMessage());
                line.getErr().flush();
                return failure.exitCode();
            }
            throw e;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A wrong command line ends 64 at every level, never picocli's 2. */
    private static void usageExitCode(CommandLine line) {
        line.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        line.getSubcommands().values().forEach(ProvisionMain::usageExitCode);
    }

    /** The version of the package this CLI came in (the jar's manifest), or "development". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ProvisionMain.class.getPackage().getImplementationVersion();
            return new String[] {"jinban-provision " + (v == null ? "development" : v)};
        }
    }
}
