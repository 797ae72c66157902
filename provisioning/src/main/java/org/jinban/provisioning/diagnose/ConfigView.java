package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The kiosk's two configuration files as the diagnostics need them: a few values (data
 * directory, kiosk id, port, device ports), the secret values to keep out of the archive, and
 * the files that hold secrets. Read leniently: a file that is missing or does not parse gives
 * no values and its reason, and never stops the diagnostics.
 */
final class ConfigView {
    /** Secrets shorter than this are not searched for in the archive: they would match by chance. */
    static final int MIN_SECRET_LENGTH = 6;

    private final Map<String, Object> technician;
    private final Map<String, Object> enrollment;
    private final Map<Path, String> unreadable = new LinkedHashMap<>();
    private final Set<String> secretValues = new LinkedHashSet<>();
    private final List<Path> secretFiles = new ArrayList<>();

    private ConfigView(Path configFile, Path enrollmentFile) {
        this.technician = read(configFile);
        this.enrollment = read(enrollmentFile);
        Path base = configFile.toAbsolutePath().getParent();
        for (Map<String, Object> flat : List.of(technician, enrollment)) {
            flat.forEach((key, value) -> {
                if (!ConfigRedactor.isSecretKey(key)) {
                    return;
                }
                String text = String.valueOf(value);
                if (ConfigRedactor.namesAFile(key, text)) {
                    if (!ConfigRedactor.namesAPublicKey(key)) {
                        secretFiles.add(resolve(base, text));
                    }
                } else if (text.length() >= MIN_SECRET_LENGTH) {
                    secretValues.add(text);
                }
            });
        }
    }

    static ConfigView read(Path configFile, Path enrollmentFile) {
        return new ConfigView(configFile, enrollmentFile);
    }

    /** The value of a dotted key: the technician's file first, then the enrollment's. */
    Optional<String> value(String key) {
        Object v = technician.containsKey(key) ? technician.get(key) : enrollment.get(key);
        return Optional.ofNullable(v).map(String::valueOf).filter(s -> !s.isBlank());
    }

    /** Why a file could not be read or parsed; missing files are not here. */
    Map<Path, String> unreadable() {
        return Map.copyOf(unreadable);
    }

    /** Every scalar under a secret key, to be masked wherever it shows up. */
    Set<String> secretValues() {
        return Set.copyOf(secretValues);
    }

    /** The files the configuration names under secret keys ({@code kiosk.secret-file}, …). */
    List<Path> secretFiles() {
        return List.copyOf(secretFiles);
    }

    private Map<String, Object> read(Path file) {
        Map<String, Object> flat = new LinkedHashMap<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return flat;
        } catch (IOException | RuntimeException e) {
            unreadable.put(file, Diagnosis.describe(e));
            return flat;
        }
        try {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            flatten("", root, flat);
        } catch (RuntimeException e) {
            unreadable.put(file, "does not parse as YAML: " + firstLine(e.getMessage()));
        }
        return flat;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> flat) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, flat));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "." + i, list.get(i), flat);
            }
        } else if (node != null && !prefix.isEmpty()) {
            flat.put(prefix, node);
        }
    }

    static Path resolve(Path base, String path) {
        String p = path.startsWith("file:") ? path.substring("file:".length()) : path;
        if (p.startsWith("~/")) {
            p = System.getProperty("user.home") + p.substring(1);
        }
        Path candidate = Path.of(p);
        return candidate.isAbsolute() || base == null ? candidate : base.resolve(candidate).normalize();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }
}
