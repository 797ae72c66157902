package org.jinban.provisioning.config;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.jinban.kiosk.config.ConfigCheck;
import org.jinban.kiosk.config.ConfigProblem;
import org.jinban.provisioning.ProvisionException;
import org.jinban.provisioning.ProvisionMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jinban-provision config}: the kiosk's configuration. {@code check} judges the file as
 * the kiosk does at start ({@link ConfigCheck}), reporting every problem at once.
 */
@Command(name = "config", description = "Work with the kiosk's configuration (/etc/jinban/kiosk.yaml).",
        subcommands = {ConfigCommand.Check.class})
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: config check");
    }

    @Command(name = "check", description = {
            "Check the kiosk's configuration file, and enrollment.yaml beside it, as the kiosk does at start.",
            "Lists every problem with its file, line and key; ends 0 when there is none, 1 otherwise."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:JINBAN_CONFIG:-/etc/jinban/kiosk.yaml}",
                description = "the kiosk's configuration (default: $JINBAN_CONFIG, else /etc/jinban/kiosk.yaml)")
        Path config;

        @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
                description = "look device ports and files up as if DIR were / (default: /), e.g. to check "
                        + "an SD card image mounted elsewhere")
        Path root;

        @Override
        public Integer call() {
            Path file = config.toAbsolutePath();
            if (!Files.exists(file)) {
                throw new ProvisionException(ProvisionMain.EXIT_FAILED, "no configuration file " + file
                        + "; give the kiosk's file with --config FILE");
            }
            if (!Files.isReadable(file)) {
                throw new ProvisionException(ProvisionMain.EXIT_FAILED, "cannot read " + file
                        + ": permission denied; run it with sudo, or as a member of the jinban group");
            }
            List<ConfigProblem> problems = new ConfigCheck(root).check(file);
            PrintWriter out = spec.commandLine().getOut();
            boolean enrolled = Files.exists(ConfigCheck.enrollmentFile(file));
            if (problems.isEmpty()) {
                out.println("OK: " + file + (enrolled ? " (and " + ConfigCheck.ENROLLMENT_FILE + ")" : ""));
                return ProvisionMain.EXIT_OK;
            }
            problems.forEach(out::println);
            out.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + file
                    + (enrolled ? " and " + ConfigCheck.ENROLLMENT_FILE : "") + "; " + consequence(problems) + ".");
            return ProvisionMain.EXIT_FAILED;
        }

        /**
         * What the problems do to the service: any mistake stops its start; a part missing from
         * this machine (a device unplugged, no backlight) does not, it runs without it
         * ({@link ConfigProblem#partMissing()}).
         */
        static String consequence(List<ConfigProblem> problems) {
            long missing = problems.stream().filter(ConfigProblem::partMissing).count();
            if (missing == 0) {
                return "the kiosk will not start until " + (problems.size() == 1 ? "it is" : "they are") + " fixed";
            }
            String parts = missing == 1 ? "the missing part" : "the " + missing + " missing parts";
            if (missing == problems.size()) {
                return "the kiosk starts without " + parts + ", which will not work until "
                        + (missing == 1 ? "it is" : "they are") + " there (a device shows as offline in its health)";
            }
            return "the kiosk will not start until the others are fixed; it would start without " + parts;
        }
    }
}
