package org.jinban.provisioning.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jinban.provisioning.ProvisionMain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
    /** The file the package installs as /etc/jinban/kiosk.yaml. */
    private static final Path SHIPPED = Path.of("src/main/dist/etc/jinban/kiosk.yaml");

    @TempDir
    Path dir;
    private Path root;
    private Path etc;

    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void aRaspberryPiWithItsDevices() throws IOException {
        root = dir.resolve("root");
        for (String path : List.of("dev/jinban-scanner", "dev/jinban-idcard", "dev/jinban-printer",
                "usr/share/jinban/web/index.html", "etc/jinban/secret/credential", "etc/jinban/hub-public.key")) {
            Files.createDirectories(root.resolve(path).getParent());
            Files.writeString(root.resolve(path), "");
        }
        etc = Files.createDirectories(dir.resolve("etc"));
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ProvisionMain.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run check(Path file) {
        return run("config", "check", "--config", file.toString(), "--root", root.toString());
    }

    private void enroll() throws IOException {
        Files.writeString(etc.resolve("enrollment.yaml"), """
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
    }

    @Test
    void theShippedFileAsksForEnrollmentAndTheEnglishNameAndNothingElse() throws IOException {
        Path file = Files.copy(SHIPPED, etc.resolve("kiosk.yaml"));
        Run fresh = check(file);
        assertEquals(ProvisionMain.EXIT_FAILED, fresh.code(), fresh.out());
        List<String> lines = fresh.out().lines().toList();
        assertEquals(5, lines.size(), fresh.out());
        assertTrue(lines.get(0).matches("kiosk\\.yaml:\\d+: kiosk\\.station\\.name-en: must not be blank.*"), lines.get(0));
        assertTrue(lines.get(1).startsWith("kiosk.yaml: kiosk.station.name-zh: is required"), lines.get(1));
        assertTrue(lines.get(2).startsWith("kiosk.yaml: kiosk.station.grid-code: is required"), lines.get(2));
        assertTrue(lines.get(3).startsWith("kiosk.yaml: sync.hub-url: is required when devices.simulate is false"),
                lines.get(3));
        assertEquals("4 problems in " + file + "; the kiosk will not start until they are fixed.", lines.get(4));

        enroll();
        Files.writeString(file, Files.readString(file).replace("name-en: \"\"", "name-en: Dongguan Service Station"));
        Run ready = check(file);
        assertEquals("OK: " + file + " (and enrollment.yaml)\n", ready.out(), ready.err());
        assertEquals(ProvisionMain.EXIT_OK, ready.code());
    }

    @Test
    void theShippedFileNamesAMissingDevice() throws IOException {
        enroll();
        Path file = Files.writeString(etc.resolve("kiosk.yaml"), Files.readString(SHIPPED)
                .replace("name-en: \"\"", "name-en: Dongguan Service Station"));
        Files.delete(root.resolve("dev/jinban-idcard"));
        Run run = check(file);
        assertEquals(ProvisionMain.EXIT_FAILED, run.code());
        assertTrue(run.out().matches("(?s)kiosk\\.yaml:\\d+: devices\\.idcard\\.port: no such device /dev/jinban-idcard;.*"
                + "\n1 problem in " + java.util.regex.Pattern.quote(file.toString())
                + " and enrollment\\.yaml; the kiosk starts without the missing part, which will not work until it is"
                + " there \\(a device shows as offline in its health\\)\\.\n"), run.out());
    }

    @Test
    void aMissingDeviceAmongMistakesIsCountedApart() throws IOException {
        enroll();
        Path file = Files.writeString(etc.resolve("kiosk.yaml"), Files.readString(SHIPPED)
                .replace("name-en: \"\"", "name-en: Dongguan Service Station").replace("buzzer: 18", "buzzer: 40"));
        Files.delete(root.resolve("dev/jinban-idcard"));
        Files.delete(root.resolve("dev/jinban-scanner"));
        Run run = check(file);
        assertEquals(ProvisionMain.EXIT_FAILED, run.code(), run.out());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.out());
        assertEquals("3 problems in " + file + " and enrollment.yaml; the kiosk will not start until the others are"
                + " fixed; it would start without the 2 missing parts.", lines.get(3));
    }

    @Test
    void everyProblemIsPrintedWithItsLineAndACount() throws IOException {
        Path file = Files.writeString(etc.resolve("kiosk.yaml"), """
                kiosk:
                  station:
                    name-zh: 东关社区便民服务站
                    name-en: Dongguan
                    grid-code: "370783001002"
                  ui:
                    idle-timout: PT90S
                    elder-idle-timeout: 5
                devices:
                  gpio:
                    buzzer: 40
                """);
        Run run = check(file);
        assertEquals(ProvisionMain.EXIT_FAILED, run.code());
        assertEquals(List.of(
                "kiosk.yaml:7: kiosk.ui.idle-timout: unknown key; did you mean kiosk.ui.idle-timeout?",
                "kiosk.yaml:8: kiosk.ui.elder-idle-timeout: '5' is not a duration; expected an ISO 8601 duration"
                        + " such as PT60S (PT5S for 5 seconds)",
                "kiosk.yaml:11: devices.gpio.buzzer: pin 40 is out of range; BCM pins are 2–27 (0 and 1 belong to"
                        + " the HAT's ID EEPROM)",
                "3 problems in " + file + "; the kiosk will not start until they are fixed."),
                run.out().lines().toList());
    }

    @Test
    void aMissingFileIsAClearErrorAndFails() {
        Run run = check(etc.resolve("nowhere.yaml"));
        assertEquals(ProvisionMain.EXIT_FAILED, run.code());
        assertEquals("error: no configuration file " + etc.resolve("nowhere.yaml")
                + "; give the kiosk's file with --config FILE\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void theGroupAloneIsAUsageError() {
        Run run = run("config");
        assertEquals(ProvisionMain.EXIT_USAGE, run.code());
        assertTrue(run.err().contains("config check"), run.err());
    }

    @Test
    void theBuiltInDefaultsPass() throws IOException {
        Path file = etc.resolve("kiosk.yaml");
        try (InputStream in = getClass().getResourceAsStream("/application.yaml")) {
            Files.copy(in, file);
        }
        Run run = check(file);
        assertEquals("OK: " + file + "\n", run.out(), run.err());
        assertEquals(ProvisionMain.EXIT_OK, run.code());
    }
}
