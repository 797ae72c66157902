package org.jinban.provisioning.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One kiosk's machine under a temporary root, laid out as the package installs it:
 * {@code etc/jinban/kiosk.yaml} (the technician's file, simulated devices, a kiosk port nothing
 * listens on), {@code var/lib/jinban} (data), {@code var/log/jinban}, {@code dev}, and the
 * commands a technician runs on it, each through {@code ProvisionMain.run} with every path an
 * option so that nothing outside the root is read or written.
 */
public final class KioskRoot {
    /** The self-test's options that make the simulated operator quick. */
    public static final List<String> FAST_SELFTEST = List.of("--simulate-operator", "--wait", "PT5S", "--blink",
            "PT0.2S", "--hub-timeout", "PT5S");

    public final Path root;
    public final Path etc;
    public final Path config;
    public final Path data;
    public final Path logs;
    public final Path dev;
    public final int kioskPort;

    private KioskRoot(Path root, int kioskPort) throws IOException {
        this.root = root;
        this.etc = Files.createDirectories(root.resolve("etc/jinban"));
        this.data = Files.createDirectories(root.resolve("var/lib/jinban"));
        this.logs = Files.createDirectories(root.resolve("var/log/jinban"));
        this.dev = Files.createDirectories(root.resolve("dev"));
        this.kioskPort = kioskPort;
        this.config = etc.resolve("kiosk.yaml");
    }

    /** A fresh machine: the technician's kiosk.yaml for simulated devices, and empty directories. */
    public static KioskRoot fresh(Path root) throws IOException {
        KioskRoot k = new KioskRoot(root, KioskFiles.freePort());
        Files.writeString(k.config, """
                # the technician's file
                server:
                  port: %d
                kiosk:
                  data-dir: %s
                  station:
                    name-en: Dongcheng Community Service Station
                devices:
                  simulate: true
                """.formatted(k.kioskPort, k.data));
        return k;
    }

    public Cli.Run enroll(TestHub hub, String code) {
        return Cli.run("enroll", "--config", config.toString(), "--owner", KioskFiles.me(), "--hub", hub.syncUrl(),
                "--code", code);
    }

    public Cli.Run configCheck() {
        return Cli.run("config", "check", "--config", config.toString());
    }

    public Cli.Run selftest(String... more) {
        List<String> args = new ArrayList<>(List.of("selftest", "--config", config.toString()));
        args.addAll(FAST_SELFTEST);
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Diagnoses with the archive written to {@code out} (off the machine, as a technician sends it away). */
    public Cli.Run diagnose(Path out) {
        return Cli.run("diagnose", "--config", config.toString(), "--out", out.toString(), "--log-dir", logs.toString(),
                "--kiosk-url", "http://127.0.0.1:" + kioskPort, "--dev-dir", dev.toString(),
                "--lib-dir", root.resolve("usr/share/jinban/lib").toString());
    }

    /** Factory reset with {@code typed} as the confirmation line. */
    public Cli.Run factoryReset(String typed, String... more) {
        List<String> args = new ArrayList<>(List.of("factory-reset", "--config", config.toString(), "--log-dir",
                logs.toString()));
        args.addAll(List.of(more));
        return Cli.withInput(typed, args.toArray(String[]::new));
    }

    /** Every regular file under the root, relative to it, sorted. */
    public List<String> files() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /** The one archive in {@code dir}. */
    public static Path archive(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> zips = files.filter(p -> p.getFileName().toString().endsWith(".zip")).toList();
            if (zips.size() != 1) {
                throw new AssertionError("expected one archive in " + dir + ", found " + zips);
            }
            return zips.getFirst();
        }
    }

    /** Every entry of an archive, in order, as bytes. */
    public static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                z.transferTo(b);
                entries.put(e.getName(), b.toByteArray());
            }
        }
        return entries;
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether {@code needle} occurs in {@code haystack}. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        // ISO-8859-1 maps each byte to one char, so a substring is exactly a byte run
        return new String(haystack, StandardCharsets.ISO_8859_1)
                .contains(new String(needle, StandardCharsets.ISO_8859_1));
    }
}
