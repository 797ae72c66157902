package org.jinban.kiosk.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a kiosk configuration file, and {@value #ENROLLMENT_FILE} beside it when there is one,
 * and reports every problem at once, each with its file, line, key and a sentence saying what is
 * wrong and what is expected. The kiosk runs it at start ({@link #requireValid}) and
 * {@code jinban-provision config check} runs it for the technician, so both judge a file alike.
 *
 * <p>Two passes: each file's keys against {@link ConfigSchema} (syntax, unknown keys, kinds of
 * value), then the values the kiosk will use against what a kiosk needs and the rules of its
 * typed configs ({@link ValueCheck}).
 */
public final class ConfigCheck {
    /** What enrollment writes beside the technician's file. */
    public static final String ENROLLMENT_FILE = "enrollment.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigCheck.class);

    private final Path root;

    /** Checks device ports and files where they are: on {@code /}. */
    public ConfigCheck() {
        this(Path.of("/"));
    }

    /**
     * @param root where absolute device and file paths are looked up, standing for {@code /}: a
     *             test's directory, or an image prepared for another machine
     */
    public ConfigCheck(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * The enrollment file that belongs with {@code file}: beside it ({@code jinban-provision
     * enroll}), else the one the technician screen wrote in {@code secret/} beside it (the
     * service may write only there), else (neither exists) the place beside it.
     */
    public static Path enrollmentFile(Path file) {
        Path beside = file.toAbsolutePath().resolveSibling(ENROLLMENT_FILE);
        Path screen = beside.resolveSibling("secret").resolve(ENROLLMENT_FILE);
        return !Files.exists(beside) && Files.exists(screen) ? screen : beside;
    }

    /**
     * Every problem of {@code file} and the enrollment file beside it, over the built-in
     * defaults, as the kiosk would read them without environment variables or system properties.
     *
     * @return the problems in file and line order; empty when the kiosk would start with them
     */
    public List<ConfigProblem> check(Path file) {
        return check(file, () -> load(file), key -> Optional.empty());
    }

    /**
     * As {@link #check(Path)}, but with the values the kiosk will use (environment variables and
     * system properties over the files), then: the configuration, or a {@link ConfigException}
     * listing every problem. A part this machine lacks now ({@link ConfigProblem#partMissing()}:
     * a device unplugged at boot, no backlight) does not stop the start when it is the only kind
     * of problem: it is logged as a warning, and the kiosk runs without the part (the device shows
     * as offline in its health until it is plugged in; the page dims the screen itself).
     *
     * @param load          reads the configuration as the kiosk does
     * @param syncOverrides sync keys the kiosk takes from plain environment variables before {@code load}'s
     */
    public Config requireValid(Path file, Supplier<Config> load, Function<String, Optional<String>> syncOverrides) {
        return requireValid(file, load, syncOverrides,
                p -> LOG.warn("kiosk: {}; starting without it (jinban-provision config check reports it)", p));
    }

    /** As {@link #requireValid(Path, Supplier, Function)}, handing each missing part to {@code missingPart}. */
    public Config requireValid(Path file, Supplier<Config> load, Function<String, Optional<String>> syncOverrides,
                               Consumer<ConfigProblem> missingPart) {
        Config[] loaded = new Config[1];
        List<ConfigProblem> problems = check(file, () -> loaded[0] = load.get(), syncOverrides);
        if (problems.stream().anyMatch(p -> !p.partMissing())) {
            throw new ConfigException(problems);
        }
        problems.forEach(missingPart);
        return loaded[0];
    }

    private List<ConfigProblem> check(Path file, Supplier<Config> load,
                                      Function<String, Optional<String>> syncOverrides) {
        List<YamlFileCheck.Result> files = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<YamlFileCheck.Result> technician = read(file, problems);
        if (technician.isEmpty()) {
            return problems;
        }
        files.add(technician.get());
        Path enrollment = enrollmentFile(file);
        if (Files.exists(enrollment)) {
            read(enrollment, problems).ifPresent(files::add);
        }
        files.forEach(f -> problems.addAll(f.problems()));
        if (problems.stream().anyMatch(p -> p.key().isEmpty())) {
            return problems; // a file that is not YAML: its keys cannot be judged
        }
        Config effective;
        try {
            effective = load.get();
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(file, 0, "", "cannot be read as configuration: " + e.getMessage()));
            return problems;
        }
        Map<String, String> values = values(effective);
        Map<String, String> defaults = values(defaults());
        Set<String> given = new HashSet<>();
        files.forEach(f -> given.addAll(f.lines().keySet()));
        values.forEach((key, value) -> {
            if (!value.equals(defaults.get(key))) {
                given.add(key);
            }
        });
        Set<String> flagged = new HashSet<>();
        problems.forEach(p -> flagged.add(p.key()));
        for (ValueCheck.Finding finding : new ValueCheck(values, defaults, given, flagged, root, syncOverrides).run()) {
            problems.add(place(finding, file, files));
        }
        problems.sort(Comparator.comparingInt((ConfigProblem p) -> p.file().equals(file) ? 0 : 1)
                .thenComparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
        return List.copyOf(problems);
    }

    private static Optional<YamlFileCheck.Result> read(Path file, List<ConfigProblem> problems) {
        try {
            return Optional.of(YamlFileCheck.check(file, Files.readString(file)));
        } catch (NoSuchFileException e) {
            problems.add(new ConfigProblem(file, 0, "", "no such file " + file.toAbsolutePath()));
        } catch (AccessDeniedException e) {
            problems.add(new ConfigProblem(file, 0, "", "cannot read " + file.toAbsolutePath()
                    + ": permission denied (run as root or as a member of the jinban group)"));
        } catch (CharacterCodingException e) {
            problems.add(new ConfigProblem(file, 0, "", "is not UTF-8 text; save it as UTF-8"));
        } catch (IOException e) {
            problems.add(new ConfigProblem(file, 0, "", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** A finding of the values goes to the file that sets its key, the technician's first. */
    private static ConfigProblem place(ValueCheck.Finding finding, Path file, List<YamlFileCheck.Result> files) {
        for (YamlFileCheck.Result f : files) {
            Integer line = f.lines().get(finding.key());
            if (line != null) {
                return new ConfigProblem(f.file(), line, finding.key(), finding.message(), finding.partMissing());
            }
        }
        return new ConfigProblem(file, 0, finding.key(), finding.message(), finding.partMissing());
    }

    /** The technician's file over the enrollment file over the built-in defaults, as the kiosk layers them. */
    private static Config load(Path file) {
        var builder = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.file(file));
        Path enrollment = enrollmentFile(file);
        if (Files.exists(enrollment)) {
            builder.addSource(ConfigSources.file(enrollment));
        }
        return builder.addSource(ConfigSources.classpath("application.yaml")).build();
    }

    private static Config defaults() {
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.classpath("application.yaml")).build();
    }

    /** The value of each schema key that has one; a section where a value belongs counts as none. */
    private static Map<String, String> values(Config config) {
        Map<String, String> values = new HashMap<>();
        for (ConfigSchema.Key key : ConfigSchema.keys()) {
            try {
                config.get(key.path()).asString().asOptional().ifPresent(v -> values.put(key.path(), v));
            } catch (RuntimeException e) {
                // not a single value: the file pass has said so at its line
            }
        }
        return values;
    }
}
