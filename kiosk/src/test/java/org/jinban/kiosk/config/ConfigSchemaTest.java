package org.jinban.kiosk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The schema cannot rot: it knows every key the built-in defaults have, and the docs name every key it knows. */
class ConfigSchemaTest {

    @Test
    void knowsEveryKeyOfTheBuiltInDefaults() throws IOException {
        List<String> leaves = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/application.yaml")) {
            leaves("", new Yaml().load(in), leaves);
        }
        assertTrue(leaves.size() > 20, leaves.toString());
        List<String> unknown = leaves.stream().filter(k -> ConfigSchema.key(k).isEmpty()).toList();
        assertEquals(List.of(), unknown, "keys of application.yaml that ConfigSchema does not list");
    }

    @Test
    void theOperationsReferenceNamesEveryKey() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "operations.md"));
        List<String> missing = ConfigSchema.keys().stream().map(ConfigSchema.Key::path)
                .filter(k -> !docs.contains("`" + k + "`") && !docs.contains("`" + section(k) + ".*`")).toList();
        assertEquals(List.of(), missing, "keys the reference table of docs/operations.md does not describe");
    }

    @Test
    void sectionsAndNamesAreDerivedFromTheKeys() {
        assertEquals(List.of("server", "kiosk", "devices", "sync"), ConfigSchema.namesUnder(""));
        assertTrue(ConfigSchema.isSection("devices.gpio"));
        assertEquals(6, ConfigSchema.pins().size());
        assertEquals(1, NearMiss.distance("idle-timout", "idle-timeout"));
        assertEquals(1, NearMiss.distance("idel-timeout", "idle-timeout"));
    }

    private static String section(String key) {
        return key.substring(0, key.lastIndexOf('.'));
    }

    private static void leaves(String prefix, Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> leaves(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else {
            out.add(prefix);
        }
    }
}
