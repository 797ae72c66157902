package org.jinban.kiosk.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jinban.devices.printer.PrinterConfig;
import org.jinban.kiosk.config.ConfigSchema.Key;
import org.jinban.kiosk.config.ConfigSchema.Kind;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The first pass over one YAML file: its syntax, then every key against {@link ConfigSchema}
 * (unknown keys, with the near miss a typo meant; values of the wrong kind), each problem at the
 * key's line. SnakeYAML's node graph keeps the line of every key, which the loaded config does not.
 */
final class YamlFileCheck {

    /**
     * What one file says.
     *
     * @param problems what is wrong in it, by line
     * @param lines    the line of every known key the file sets
     * @param valid    false when the file is not YAML at all: nothing else can be judged then
     */
    record Result(Path file, List<ConfigProblem> problems, Map<String, Integer> lines, boolean valid) {
    }

    private final Path file;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    private YamlFileCheck(Path file) {
        this.file = file;
    }

    static Result check(Path file, String text) {
        YamlFileCheck check = new YamlFileCheck(file);
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String why = e.getProblem() == null ? "cannot be read" : e.getProblem();
            if (why.contains("\\t")) {
                why += " (indent with spaces, not tabs)";
            } else if (why.startsWith("mapping values are not allowed")) {
                why += " (keys of one section must line up, and a value holding ': ' needs quotes)";
            }
            check.problem(mark == null ? 0 : mark.getLine() + 1, "", "the file is not valid YAML: " + why);
            return check.result(false);
        } catch (YAMLException e) {
            check.problem(0, "", "the file is not valid YAML: " + e.getMessage());
            return check.result(false);
        }
        if (root == null || isNull(root)) {
            return check.result(true);
        }
        if (root instanceof MappingNode map) {
            check.walk("", map);
        } else {
            check.problem(line(root), "", "the file must be a map of keys (kiosk:, devices:, sync:, …), found "
                    + describe(root));
        }
        return check.result(true);
    }

    private Result result(boolean valid) {
        problems.sort(Comparator.comparingInt(ConfigProblem::line));
        return new Result(file, List.copyOf(problems), Map.copyOf(lines), valid);
    }

    private void walk(String section, MappingNode map) {
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            int line = line(tuple.getKeyNode());
            if (!(tuple.getKeyNode() instanceof ScalarNode name) || name.getValue().isBlank()) {
                problem(line, section, "a key must be a plain name such as idle-timeout");
                continue;
            }
            // the kiosk's config reads a dotted name (ui.idle-timeout) as the nested keys it names
            String path = section.isEmpty() ? name.getValue() : section + "." + name.getValue();
            Integer first = seen.putIfAbsent(name.getValue(), line);
            if (first != null) {
                problem(line, path, "is set twice in this file (first on line " + first + "); keep one");
                continue;
            }
            Node value = tuple.getValueNode();
            Optional<Key> key = ConfigSchema.key(path);
            if (key.isPresent()) {
                lines.put(path, line);
                checkValue(key.get(), value, line);
            } else if (ConfigSchema.isSection(path)) {
                if (value instanceof MappingNode inner) {
                    walk(path, inner);
                } else if (!isNull(value)) {
                    problem(line, path, "is a section; expected keys under it ("
                            + String.join(", ", ConfigSchema.namesUnder(path)) + "), found " + describe(value));
                }
            } else {
                problem(line, path, NearMiss.unknownKey(path));
            }
        }
    }

    private void checkValue(Key key, Node value, int line) {
        if (!(value instanceof ScalarNode scalar)) {
            problem(line, key.path(), "expected " + key.kind().expected() + ", found " + describe(value));
            return;
        }
        String text = scalar.getValue().strip();
        if (isNull(scalar) || text.isEmpty()) {
            if (switch (key.kind()) {
                case WHOLE_NUMBER, TCP_PORT, BOOLEAN, DURATION, PIN -> true;
                default -> false;
            }) {
                problem(line, key.path(), "has no value; expected " + key.kind().expected());
            }
            return;
        }
        String why = switch (key.kind()) {
            case SECRET, PATH -> null;
            case TEXT -> leadingZero(scalar, text);
            case WHOLE_NUMBER -> whole(text).isPresent() ? null : expected(key, text);
            case TCP_PORT -> whole(text).filter(n -> n >= 1 && n <= 65_535).isPresent() ? null : expected(key, text);
            case BOOLEAN -> scalar.getTag().equals(Tag.BOOL) || text.equalsIgnoreCase("true")
                    || text.equalsIgnoreCase("false") ? null : expected(key, text);
            case DURATION -> duration(text);
            case PIN -> pin(key, text);
            case DEVICE -> text.startsWith("/") ? null : expected(key, text);
            case PRINTER -> printer(text);
            case FILE, DIRECTORY -> text.startsWith("/") ? null : expected(key, text);
        };
        if (why != null) {
            problem(line, key.path(), why);
        }
    }

    /** YAML reads an unquoted {@code 01} as the number 1: the kiosk number would lose its zero. */
    private static String leadingZero(ScalarNode scalar, String text) {
        if (scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && scalar.getTag().equals(Tag.INT)
                && text.length() > 1 && text.startsWith("0")) {
            return "YAML reads " + text + " as a number and drops the leading zero; put it in quotes: \"" + text + "\"";
        }
        return null;
    }

    private static String duration(String text) {
        try {
            Duration d = Duration.parse(text);
            return d.isNegative() ? "must not be negative, was " + text : null;
        } catch (DateTimeParseException e) {
            String hint = text.matches("[0-9]+") ? " (PT" + text + "S for " + text + " seconds)" : "";
            return "'" + text + "' is not a duration; expected an ISO 8601 duration such as PT60S" + hint;
        }
    }

    private static String pin(Key key, String text) {
        Optional<Long> pin = whole(text);
        if (pin.isEmpty()) {
            return expected(key, text);
        }
        if (pin.get() < ConfigSchema.MIN_PIN || pin.get() > org.jinban.devices.gpio.PanelConfig.MAX_PIN) {
            return "pin " + pin.get() + " is out of range; BCM pins are " + ConfigSchema.MIN_PIN + "–"
                    + org.jinban.devices.gpio.PanelConfig.MAX_PIN
                    + " (0 and 1 belong to the HAT's ID EEPROM)";
        }
        return null;
    }

    private static String printer(String text) {
        try {
            PrinterConfig.parse(text);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage().replaceFirst("^printer 'config': ", "");
        }
    }

    private static String expected(Key key, String text) {
        return "expected " + key.kind().expected() + ", found '" + text + "'";
    }

    private static Optional<Long> whole(String text) {
        if (!text.matches("[+-]?[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    private void problem(int line, String key, String message) {
        problems.add(new ConfigProblem(file, line, key, message));
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map (keys under it)";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "a single value";
    }
}
