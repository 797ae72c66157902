package org.jinban.sync.hub.cli;

import java.io.PrintWriter;
import java.net.URI;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The operator's CLI over a running hub's admin API: {@code java -jar jinban-sync-hub.jar admin
 * [--hub http://127.0.0.1:8090] <command>} (or {@code ./run hub <command>}). Prints tables and
 * plain sentences; ends 0 when done, 1 when the hub refused (its problem+json in words), 2 when
 * the hub cannot be reached, 64 for a wrong command line.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, version = "jinban-sync-hub admin CLI",
        description = "Operate a Jinban hub through its admin API.",
        subcommands = {
            KioskCommands.Kiosks.class, KioskCommands.Codes.class, AppealCommands.class,
            PublishCommands.Catalog.class, PublishCommands.Roster.class, KioskCommands.ConfigCmd.class,
            KioskCommands.CommandCmd.class, KioskCommands.HubKeyCmd.class})
public final class HubCli {
    static final int EXIT_REFUSED = 1;
    static final int EXIT_UNREACHABLE = 2;
    static final int EXIT_USAGE = 64;
    static final String DEFAULT_HUB = "http://127.0.0.1:8090";

    @Spec
    CommandSpec spec;

    @Option(names = "--hub", defaultValue = "${env:JINBAN_HUB_URL:-" + DEFAULT_HUB + "}", paramLabel = "URL",
            description = "the hub's address (default: $JINBAN_HUB_URL or ${DEFAULT-VALUE})")
    String hub;

    private AdminApi api;

    /** Runs the CLI on the console; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the CLI writing to {@code out} and {@code err} (tests); returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new HubCli());
        cli.setOut(out);
        cli.setErr(err);
        usageExitCode(cli);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CliException failure) {
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

    /** A wrong command line ends 64 at every level, never picocli's 2 (which means "unreachable" here). */
    private static void usageExitCode(CommandLine line) {
        line.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        line.getSubcommands().values().forEach(HubCli::usageExitCode);
    }

    /** The admin API of the hub named by {@code --hub}. */
    AdminApi api() {
        if (api == null) {
            URI uri;
            try {
                uri = URI.create(hub.strip());
            } catch (IllegalArgumentException e) {
                throw new CliException.Usage("--hub: " + hub + " is not a URL");
            }
            api = new AdminApi(uri);
        }
        return api;
    }

    /** The root command's API, for any subcommand however deep. */
    static AdminApi api(CommandSpec spec) {
        return ((HubCli) spec.root().userObject()).api();
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }
}
