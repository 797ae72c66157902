package org.jinban.kiosk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigCheckTest {
    @TempDir
    Path dir;
    /** Stands for / : the devices and files a real kiosk has. */
    private Path root;

    @BeforeEach
    void machine() throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        for (String path : List.of("dev/jinban-scanner", "dev/jinban-idcard", "dev/usb/lp0",
                "etc/jinban/secret/credential", "etc/jinban/hub-public.key")) {
            Files.createDirectories(root.resolve(path).getParent());
            Files.writeString(root.resolve(path), "");
        }
    }

    /** A resource of {@code config-check/} as {@code kiosk.yaml} in a directory of its own. */
    private Path file(String name) throws IOException {
        Path own = Files.createDirectories(dir.resolve(name.replace(".yaml", "")));
        Path file = own.resolve("kiosk.yaml");
        try (InputStream in = getClass().getResourceAsStream("/config-check/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static Config loadLikeTheKiosk(Path file) {
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.file(file)).addSource(ConfigSources.classpath("application.yaml")).build();
    }

    private List<ConfigProblem> check(Path file) {
        return new ConfigCheck(root).check(file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-key.yaml       | 8  | kiosk.ui.colour             | unknown key; the kiosk reads only default-language, idle-timeout
            near-miss.yaml         | 7  | kiosk.ui.idle-timout        | unknown key; did you mean kiosk.ui.idle-timeout?
            wrong-type.yaml        | 7  | server.port                 | expected a port number from 1 to 65535, found 'eighty'
            map-for-value.yaml     | 7  | kiosk.ui.idle-timeout       | expected an ISO 8601 duration such as PT60S, found a map
            bad-duration.yaml      | 7  | kiosk.ui.idle-timeout       | '5' is not a duration; expected an ISO 8601 duration such as PT60S (PT5S for 5 seconds)
            missing-required.yaml  | 0  | kiosk.station.grid-code     | is required; the built-in value is the demo station's
            port-missing.yaml      | 12 | devices.idcard.port         | no such device /dev/ttyUSB7
            pin-out-of-range.yaml  | 8  | devices.gpio.buzzer         | pin 40 is out of range; BCM pins are 2–27
            pin-twice.yaml         | 9  | devices.gpio.buzzer         | pin 5 is also used by devices.gpio.ready-led; each part needs its own pin
            invalid-yaml.yaml      | 4  | ''                          | the file is not valid YAML: mapping values are not allowed here
            elder-shorter.yaml     | 8  | kiosk.ui.elder-idle-timeout | must not be shorter than kiosk.ui.idle-timeout (PT2M)
            kiosk-no-unquoted.yaml | 6  | kiosk.station.kiosk-no      | YAML reads 01 as a number and drops the leading zero; put it in quotes: "01"
            """)
    void eachKindOfMistakeIsNamedAtItsLine(String name, int line, String key, String words) throws IOException {
        List<ConfigProblem> problems = check(file(name));
        assertEquals(1, problems.size(), problems.toString());
        ConfigProblem p = problems.getFirst();
        assertEquals(line, p.line(), p.toString());
        assertEquals(key, p.key(), p.toString());
        assertTrue(p.message().contains(words), p.toString());
        assertEquals("kiosk.yaml", p.file().getFileName().toString());
    }

    @Test
    void aFileWithFiveMistakesReportsAllFiveInLineOrder() throws IOException {
        List<ConfigProblem> problems = check(file("five-mistakes.yaml"));
        assertEquals(List.of("kiosk.station.grid-code", "kiosk.ui.idle-timout", "kiosk.ui.elder-idle-timeout",
                "devices.simulate", "devices.gpio.buzzer"), problems.stream().map(ConfigProblem::key).toList(),
                problems.toString());
        assertEquals(List.of(5, 7, 8, 10, 12), problems.stream().map(ConfigProblem::line).toList());
        assertEquals("kiosk.yaml:5: kiosk.station.grid-code: must be 6 to 32 letters or digits (the unified grid code),"
                + " was '37-07'", problems.getFirst().toString());
        assertTrue(problems.get(3).message().contains("expected true or false, found 'maybe'"), problems.toString());
    }

    @Test
    void theBuiltInDefaultsPass() throws IOException {
        Path file = dir.resolve("application.yaml");
        try (InputStream in = getClass().getResourceAsStream("/application.yaml")) {
            Files.copy(in, file);
        }
        assertEquals(List.of(), check(file));
    }

    @Test
    void aRealKioskTakesItsHubFromTheEnrollmentFileBesideIt() throws IOException {
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, """
                kiosk:
                  data-dir: /var/lib/jinban
                  station:
                    name-en: Dongguan Community Service Station
                devices:
                  simulate: false
                  scanner:
                    port: /dev/jinban-scanner
                  idcard:
                    port: /dev/jinban-idcard
                  printer: file:/dev/usb/lp0
                """);
        List<ConfigProblem> unenrolled = check(file);
        assertEquals(List.of("kiosk.station.name-zh", "kiosk.station.grid-code", "sync.hub-url"),
                unenrolled.stream().map(ConfigProblem::key).toList(), unenrolled.toString());
        assertTrue(unenrolled.get(2).message().contains("jinban-provision enroll"), unenrolled.toString());

        Files.writeString(dir.resolve("enrollment.yaml"), """
                sync:
                  hub-url: wss://hub.example.org/sync/v1
                  kiosk-id: K-370783001002-01
                  credential-file: /etc/jinban/secret/credential
                  hub-public-key-file: /etc/jinban/hub-public.key
                kiosk:
                  station:
                    name-zh: 东关社区便民服务站
                    address: 东关街道 12 号
                    grid-code: "370783001002"
                """);
        assertEquals(List.of(), check(file));
    }

    @Test
    void aProblemOfTheEnrollmentFileNamesThatFile() throws IOException {
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, "kiosk:\n  station:\n    name-en: Dongguan\n");
        Files.writeString(dir.resolve("enrollment.yaml"), """
                kiosk:
                  station:
                    name-zh: 东关社区便民服务站
                    grid-code: "370783001002"
                sync:
                  hub-url: https://hub.example.org/sync/v1
                  kiosk-id: K-1
                  credential-file: /etc/jinban/secret/missing
                """);
        List<ConfigProblem> problems = check(file);
        assertEquals(List.of("enrollment.yaml:6: sync.hub-url: must start with ws:// or wss://, was "
                        + "https://hub.example.org/sync/v1",
                "enrollment.yaml:8: sync.credential-file: no such file /etc/jinban/secret/missing"),
                problems.stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void aCredentialIsNeverRepeatedInAMessage() throws IOException {
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, """
                kiosk:
                  station:
                    name-zh: 东关社区便民服务站
                    name-en: Dongguan
                    grid-code: "370783001002"
                sync:
                  hub-url: ws://127.0.0.1:1/sync/v1
                  kiosk-id: K-1
                  credential: s3cret-value
                  credentail: s3cret-value
                  max-batch: 0
                """);
        List<ConfigProblem> problems = check(file);
        assertEquals(List.of("sync.credentail", "sync.max-batch"), problems.stream().map(ConfigProblem::key).toList(),
                problems.toString());
        assertFalse(problems.toString().contains("s3cret"), problems.toString());
    }

    @Test
    void dottedNamesAreReadAsTheKiosksConfigReadsThem() throws IOException {
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, """
                kiosk.station:
                  name-zh: 东关社区便民服务站
                  name-en: Dongguan
                  grid-code: "370783001002"
                kiosk.ui.idle-timeout: PT90S
                kiosk.ui.elder-idle-timout: PT200S
                """);
        assertEquals(List.of("kiosk.yaml:6: kiosk.ui.elder-idle-timout: unknown key; did you mean"
                + " kiosk.ui.elder-idle-timeout?"), check(file).stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void aKeySetTwiceInOneSectionIsNamedWithBothLines() throws IOException {
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, """
                kiosk:
                  station:
                    name-zh: 东关社区便民服务站
                    name-en: Dongguan
                    grid-code: "370783001002"
                    grid-code: "370783001003"
                """);
        assertEquals(List.of("kiosk.yaml:6: kiosk.station.grid-code: is set twice in this file (first on line 5);"
                + " keep one"), check(file).stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void aMissingFileIsOneProblem() {
        List<ConfigProblem> problems = check(dir.resolve("nowhere.yaml"));
        assertEquals(1, problems.size());
        assertTrue(problems.getFirst().toString().startsWith("nowhere.yaml: no such file "), problems.toString());
    }

    @Test
    void atStartEveryProblemIsInTheException() throws IOException {
        Path file = file("five-mistakes.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigCheck(root)
                .requireValid(file, () -> loadLikeTheKiosk(file), key -> Optional.empty()));
        assertEquals(5, e.problems().size());
        assertTrue(e.getMessage().startsWith("5 problems in the configuration:\n  kiosk.yaml:5: "), e.getMessage());
    }

    @Test
    void aMissingDeviceOrBacklightIsAProblemForTheCheckButNotAReasonNotToStart() throws IOException {
        Path file = file("port-missing.yaml");
        Files.writeString(file, Files.readString(file).replace("kiosk:\n",
                "kiosk:\n  ui:\n    backlight: /sys/class/backlight/none\n"));
        Files.delete(root.resolve("dev/jinban-scanner"));
        List<ConfigProblem> problems = check(file);
        assertEquals(List.of("kiosk.ui.backlight", "devices.scanner.port", "devices.idcard.port"),
                problems.stream().map(ConfigProblem::key).toList(), problems.toString());
        assertTrue(problems.stream().allMatch(ConfigProblem::partMissing), problems.toString());
        assertTrue(problems.get(0).message().startsWith("no such directory "), problems.toString());

        List<ConfigProblem> warned = new java.util.ArrayList<>();
        Config started = new ConfigCheck(root).requireValid(file, () -> loadLikeTheKiosk(file), key -> Optional.empty(),
                warned::add);
        assertEquals(problems, warned, "each missing part is handed on to be logged");
        assertEquals("/dev/ttyUSB7", started.get("devices.idcard.port").asString().get());
    }

    @Test
    void aMissingPartAmongRealMistakesIsListedWithThemAndTheStartRefused() throws IOException {
        Path file = file("port-missing.yaml");
        Files.writeString(file, Files.readString(file).replace("grid-code: \"370783001002\"", "grid-code: \"37-07\""));
        List<ConfigProblem> warned = new java.util.ArrayList<>();
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigCheck(root).requireValid(file,
                () -> loadLikeTheKiosk(file), key -> Optional.empty(), warned::add));
        assertEquals(List.of("kiosk.station.grid-code", "devices.idcard.port"),
                e.problems().stream().map(ConfigProblem::key).toList());
        assertEquals(List.of(false, true), e.problems().stream().map(ConfigProblem::partMissing).toList());
        assertEquals(List.of(), warned);
    }

    @Test
    void aBacklightPathThatIsAFileIsAMistakeNotAMissingPart() throws IOException {
        Path file = dir.resolve("kiosk.yaml");
        Files.createDirectories(root.resolve("sys/class/backlight"));
        Files.writeString(root.resolve("sys/class/backlight/brightness"), "255\n");
        Files.writeString(file, "kiosk:\n  ui:\n    backlight: /sys/class/backlight/brightness\n");
        List<ConfigProblem> problems = check(file).stream().filter(p -> p.key().equals("kiosk.ui.backlight")).toList();
        assertEquals(1, problems.size(), problems.toString());
        assertFalse(problems.getFirst().partMissing(), problems.toString());
        assertTrue(problems.getFirst().message().endsWith("is not a directory"), problems.toString());
    }

    @Test
    void atStartAValueFromASystemPropertyIsJudgedToo() throws IOException {
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, """
                kiosk:
                  station:
                    name-zh: 东关社区便民服务站
                    name-en: Dongguan
                    grid-code: "370783001002"
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigCheck(root).requireValid(file,
                () -> Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                        .addSource(ConfigSources.create(java.util.Map.of("devices.printer", "lp0")))
                        .addSource(ConfigSources.file(file)).addSource(ConfigSources.classpath("application.yaml"))
                        .build(),
                key -> Optional.empty()));
        assertEquals(List.of("kiosk.yaml: devices.printer: printer setting 'lp0' has an unknown scheme; expected file:,"
                + " serial: or tcp://"), e.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void atStartTheSyncKeysTheKioskTakesFromTheEnvironmentCount() throws IOException {
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, """
                kiosk:
                  station:
                    name-zh: 东关社区便民服务站
                    name-en: Dongguan
                    grid-code: "370783001002"
                sync:
                  hub-url: ws://127.0.0.1:1/sync/v1
                  kiosk-id: K-1
                """);
        ConfigCheck check = new ConfigCheck(root);
        assertEquals(List.of("sync.credential"), check.check(file).stream().map(ConfigProblem::key).toList());
        Config loaded = check.requireValid(file, () -> loadLikeTheKiosk(file),
                key -> key.equals("sync.credential") ? Optional.of("from-the-environment") : Optional.empty());
        assertEquals("K-1", loaded.get("sync.kiosk-id").asString().get());
    }
}
