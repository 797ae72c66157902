package org.jinban.provisioning.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What './run package' makes: the .deb's control fields, files, owners and modes, and the tarball. */
class PackageIT {
    private static final List<String> EXPECTED = List.of(
            "/usr/bin/jinban-provision",
            "/usr/lib/jinban/jinban-kiosk",
            "/usr/lib/jinban/jinban-screen",
            "/usr/share/jinban/lib/jinban-kiosk.jar",
            "/usr/share/jinban/lib/jinban-provision.jar",
            "/usr/share/jinban/lib/find-java.sh",
            "/usr/share/jinban/jvm.options",
            "/usr/share/jinban/web/index.html",
            "/etc/jinban/kiosk.yaml",
            "/etc/jinban/logback.xml",
            "/etc/logrotate.d/jinban",
            "/etc/pam.d/jinban-screen",
            "/usr/lib/udev/rules.d/60-jinban.rules",
            "/usr/lib/systemd/system/jinban-kiosk.service",
            "/usr/lib/systemd/system/jinban-screen.service",
            "/usr/share/doc/jinban/operations.md");
    private static final Set<String> LAUNCHERS = Set.of(
            "/usr/bin/jinban-provision", "/usr/lib/jinban/jinban-kiosk", "/usr/lib/jinban/jinban-screen");
    /** mode, owner/group, size, date, time, path (dpkg-deb -c, which is tar -tv). */
    private static final Pattern LISTING = Pattern.compile("(\\S{10}) (\\S+)/(\\S+) +(\\d+) \\S+ \\S+ \\.(/\\S*)( -> .*)?");

    private static BuiltPackage pkg;
    private static Path root;

    @BeforeAll
    static void build() throws IOException {
        pkg = BuiltPackage.get();
        root = pkg.extracted();
    }

    private static String javaHome() {
        return System.getProperty("java.home");
    }

    @Test
    void theFileNamesCarryThePomVersion() {
        assertEquals("jinban_" + pkg.debVersion + "_all.deb", pkg.deb.getFileName().toString());
        assertEquals("jinban-" + pkg.version + ".tar.gz", pkg.tarball.getFileName().toString());
    }

    @Test
    void controlFields() throws IOException {
        Map<String, String> f = fields(Proc.ok("dpkg-deb", "-f", pkg.deb.toString()));
        assertEquals("jinban", f.get("Package"));
        assertEquals(pkg.debVersion, f.get("Version"));
        assertEquals("all", f.get("Architecture"));
        assertTrue(f.get("Maintainer").matches(".+ <[^@ ]+@[^@ ]+\\.[a-z]+>"), f.get("Maintainer"));
        assertTrue(f.get("Depends").contains("openjdk-21-jre-headless | java21-runtime-headless"), f.get("Depends"));
        assertTrue(f.get("Depends").contains("adduser"), "postinst runs adduser: " + f.get("Depends"));
        Set<String> recommends = Set.of(f.get("Recommends").split(",\\s*"));
        assertTrue(recommends.containsAll(Set.of("chromium", "cage")), recommends.toString());
        assertTrue(f.get("Description").startsWith("Jinban community service kiosk"), f.get("Description"));
        long kib = Long.parseLong(f.get("Installed-Size"));
        long bytes;
        try (Stream<Path> files = Files.walk(root)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(kib >= bytes / 1024 && kib <= bytes / 1024 * 11 / 10 + 64,
                "Installed-Size " + kib + " KiB for " + bytes + " bytes of files");
    }

    @Test
    void everyFileIsRootsWithTheRightMode() {
        Map<String, String> modes = new HashMap<>();
        for (String line : Proc.ok("dpkg-deb", "-c", pkg.deb.toString()).lines().toList()) {
            Matcher m = LISTING.matcher(line);
            assertTrue(m.matches(), "unexpected listing line: " + line);
            assertEquals("root", m.group(2), line);
            assertEquals("root", m.group(3), line);
            String mode = m.group(1);
            if (mode.charAt(0) != 'l') {
                assertTrue(mode.charAt(8) != 'w', "world-writable: " + line);
            }
            modes.put(m.group(5).replaceAll("/$", ""), mode);
        }
        for (String path : EXPECTED) {
            assertTrue(modes.containsKey(path), "missing " + path);
        }
        LAUNCHERS.forEach(l -> assertEquals("-rwxr-xr-x", modes.get(l), l));
        assertEquals("-rw-r-----", modes.get("/etc/jinban/kiosk.yaml"), "root:jinban 0640 once postinst ran");
        assertEquals("-rw-r--r--", modes.get("/etc/jinban/logback.xml"));
        assertEquals("-rw-r--r--", modes.get("/usr/lib/systemd/system/jinban-kiosk.service"));
        assertEquals("-rw-r--r--", modes.get("/usr/share/jinban/lib/jinban-kiosk.jar"));
        assertFalse(modes.containsKey("/usr/share/jinban/web/simulator.html"), "the simulator's panel stays out");
        assertFalse(modes.keySet().stream().anyMatch(p -> p.startsWith("/etc/jinban/secret")),
                "secrets are made by enrollment, never shipped");
    }

    @Test
    void theLibrariesOfBothProgramsAndTheirArm64Natives() throws IOException {
        Path lib = root.resolve("usr/share/jinban/lib");
        for (Path jar : List.of(lib.resolve("jinban-kiosk.jar"), lib.resolve("jinban-provision.jar"))) {
            for (String entry : classPath(jar)) {
                assertTrue(Files.isRegularFile(lib.resolve(entry)), jar.getFileName() + " needs " + entry);
            }
        }
        Path libs = lib.resolve("libs");
        assertNative(libs, "sqlite-jdbc-", "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so");
        assertNative(libs, "jSerialComm-", "Linux/armv8_64/libjSerialComm.so");
        assertNative(libs, "pi4j-library-gpiod-", "lib/aarch64/pi4j-gpiod/libpi4j-gpiod.so");
    }

    private static List<String> classPath(Path jar) throws IOException {
        try (var in = new java.util.jar.JarFile(jar.toFile())) {
            String cp = in.getManifest().getMainAttributes().getValue("Class-Path");
            assertNotNull(cp, jar + " has no Class-Path");
            return List.of(cp.trim().split("\\s+"));
        }
    }

    private static void assertNative(Path libs, String prefix, String entry) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(libs)) {
            jar = files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + "*.jar in " + libs));
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertNotNull(zip.getEntry(entry), jar.getFileName() + " lacks " + entry);
        }
    }

    @Test
    void theControlArchive() throws IOException {
        Path control = pkg.scratch("control");
        Proc.ok("dpkg-deb", "-e", pkg.deb.toString(), control.toString());
        Set<String> conffiles = new TreeSet<>(Files.readAllLines(control.resolve("conffiles")));
        assertEquals(new TreeSet<>(Set.of("/etc/jinban/kiosk.yaml", "/etc/jinban/logback.xml",
                "/etc/logrotate.d/jinban", "/etc/pam.d/jinban-screen")), conffiles);
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path s = control.resolve(script);
            assertTrue(Files.isExecutable(s), script + " is executable");
            assertEquals("#!/bin/sh", Files.readAllLines(s).get(0), script);
            assertFalse(Files.readString(s).contains("#DEBHELPER#"), script);
            Proc check = Proc.run("sh", "-n", s.toString());
            assertEquals(0, check.status(), script + ": " + check.output());
            if (Files.isExecutable(Path.of("/bin/dash"))) {
                Proc dash = Proc.run("dash", "-n", s.toString());
                assertEquals(0, dash.status(), script + " under dash: " + dash.output());
            }
        }
    }

    @Test
    void theKioskUnitRestartsWatchesAndConfines() throws IOException {
        Map<String, List<String>> unit = unit(root.resolve("usr/lib/systemd/system/jinban-kiosk.service"));
        assertEquals(List.of("jinban"), unit.get("User"));
        assertEquals(List.of("notify"), unit.get("Type"));
        assertEquals(List.of("all"), unit.get("NotifyAccess"), "systemd-notify is a child of the JVM");
        assertEquals(List.of("/usr/lib/jinban/jinban-kiosk /etc/jinban/kiosk.yaml"), unit.get("ExecStart"));
        assertEquals(List.of("on-failure"), unit.get("Restart"));
        assertEquals(List.of("75"), unit.get("RestartForceExitStatus"), "Restarter.EXIT_STATUS");
        assertTrue(unit.containsKey("WatchdogSec"));
        assertTrue(unit.containsKey("StartLimitIntervalSec") && unit.containsKey("StartLimitBurst"));
        assertTrue(unit.containsKey("MemoryMax"));
        assertEquals(List.of("strict"), unit.get("ProtectSystem"));
        assertEquals(List.of("yes"), unit.get("NoNewPrivileges"));
        assertEquals(List.of("yes"), unit.get("ProtectHome"));
        assertEquals(List.of("yes"), unit.get("PrivateTmp"));
        assertEquals(List.of("closed"), unit.get("DevicePolicy"));
        assertEquals(List.of("jinban"), unit.get("StateDirectory"), "/var/lib/jinban writable");
        assertEquals(List.of("jinban"), unit.get("LogsDirectory"), "/var/log/jinban writable");
        assertEquals(List.of("jinban"), unit.get("CacheDirectory"), "/var/cache/jinban writable (AppCDS)");
        assertFalse(unit.containsKey("ConditionPathExists"), "an unenrolled kiosk starts: its technician screen enrolls it");
        assertEquals(List.of("/etc/jinban/secret"), unit.get("ReadWritePaths"),
                "the data secret and the technician screen's enrollment; the rest of /etc/jinban read-only");

        Map<String, List<String>> screen = unit(root.resolve("usr/lib/systemd/system/jinban-screen.service"));
        assertEquals(List.of("jinban-screen"), screen.get("User"));
        assertEquals(List.of("always"), screen.get("Restart"));
        assertEquals(List.of("/usr/lib/jinban/jinban-screen"), screen.get("ExecStart"));
        assertTrue(screen.get("After").contains("jinban-kiosk.service"));
    }

    /**
     * systemd's own check of both units. It insists that ExecStart= exists, so the check runs
     * on copies that name the extracted launchers instead of /usr/lib/jinban; it reports
     * unknown keys and bad values as warnings and still ends 0, so the output must be empty.
     */
    @Test
    void systemdAcceptsTheUnits() throws IOException {
        Path copies = pkg.scratch("units");
        for (String name : List.of("jinban-kiosk.service", "jinban-screen.service")) {
            String text = Files.readString(root.resolve("usr/lib/systemd/system").resolve(name));
            Files.writeString(copies.resolve(name), text.replace("ExecStart=/usr/lib/jinban/",
                    "ExecStart=" + root.resolve("usr/lib/jinban") + "/"));
        }
        Proc verify = Proc.run("systemd-analyze", "verify", "--man=no",
                copies.resolve("jinban-kiosk.service").toString(), copies.resolve("jinban-screen.service").toString());
        assertEquals(0, verify.status(), verify.output());
        assertEquals("", verify.output().strip(), "systemd-analyze warned");
    }

    @Test
    void udevRulesGiveTheStableNamesToTheServiceGroup() throws IOException {
        List<String> rules = Files.readAllLines(root.resolve("usr/lib/udev/rules.d/60-jinban.rules")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        Pattern token = Pattern.compile("[A-Z_]+(\\{[^}]+\\})?(==|!=|=|\\+=|:=)\"[^\"]*\"");
        for (String rule : rules) {
            for (String part : rule.split(",\\s*")) {
                assertTrue(token.matcher(part.strip()).matches(), "not a udev key: '" + part + "' in " + rule);
            }
            if (rule.contains("SYMLINK+=")) {
                assertTrue(rule.contains("GROUP=\"jinban\"") && rule.contains("MODE=\"0660\""), rule);
            }
        }
        for (String name : List.of("jinban-scanner", "jinban-idcard", "jinban-printer")) {
            assertTrue(rules.stream().anyMatch(r -> r.contains("SYMLINK+=\"" + name + "\"")), name);
        }
    }

    @Test
    void logRotation() throws IOException {
        String conf = Files.readString(root.resolve("etc/logrotate.d/jinban"));
        assertTrue(conf.contains("/var/log/jinban/kiosk.log {"), conf);
        for (String directive : List.of("su jinban jinban", "daily", "rotate 14", "compress", "copytruncate")) {
            assertTrue(conf.lines().anyMatch(l -> l.strip().equals(directive)), directive);
        }
        String logback = Files.readString(root.resolve("etc/jinban/logback.xml"));
        assertTrue(logback.contains("<file>/var/log/jinban/kiosk.log</file>"), logback);
    }

    @Test
    void theScreenOpensTheOfflinePageInALockedDownChromium() throws IOException {
        String screen = Files.readString(root.resolve("usr/lib/jinban/jinban-screen"));
        assertTrue(screen.contains("file:///usr/share/jinban/web/offline.html?next=http://127.0.0.1:8080/"));
        for (String flag : List.of("--kiosk", "--noerrdialogs", "--no-first-run", "--disable-pinch",
                "--overscroll-history-navigation=0", "--disable-features=Translate", "--hide-crash-restore-bubble",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=")) {
            assertTrue(screen.contains(flag), flag);
        }
        assertFalse(screen.contains("cage -d -s"), "no switching to a console from the touch screen");
    }

    @Test
    void theCliStartsFromTheExtractedPackage() {
        Proc p = Proc.run(Duration.ofSeconds(60), Map.of("JAVA_HOME", javaHome(),
                        "JINBAN_HOME", root.resolve("usr/share/jinban").toString()), null,
                List.of(root.resolve("usr/bin/jinban-provision").toString(), "--version"));
        assertEquals(0, p.status(), p.output());
        assertEquals("jinban-provision " + pkg.version, p.output().strip());
    }

    /**
     * The kiosk's launcher, with a Java that only records how it was called: the flags of
     * jvm.options, the logging file, the class-data archive, the page, the jar and the
     * configuration file, and MALLOC_ARENA_MAX.
     */
    @Test
    void theKioskLauncherStartsJavaWithTheServiceFlags() throws IOException {
        Path fakeJava = pkg.scratch("jdk");
        Path calls = fakeJava.resolve("calls");
        Files.createDirectories(fakeJava.resolve("bin"));
        Files.writeString(fakeJava.resolve("release"), "JAVA_VERSION=\"21.0.5\"\n");
        Path java = fakeJava.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho \"MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\" > '" + calls + "'\n"
                + "for a in \"$@\"; do echo \"$a\" >> '" + calls + "'; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path logback = fakeJava.resolve("logback.xml");
        Files.writeString(logback, "<configuration/>");
        Path cache = pkg.scratch("cache");
        Path home = root.resolve("usr/share/jinban");

        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", fakeJava.toString());
        env.put("JINBAN_HOME", home.toString());
        env.put("JINBAN_LOGBACK", logback.toString());
        env.put("JINBAN_CDS_ARCHIVE", cache.resolve("kiosk.jsa").toString());
        Proc p = Proc.run(Duration.ofSeconds(30), env, null,
                List.of(root.resolve("usr/lib/jinban/jinban-kiosk").toString(), "/etc/jinban/kiosk.yaml"));
        assertEquals(0, p.status(), p.output());
        List<String> args = Files.readAllLines(calls);
        assertEquals("MALLOC_ARENA_MAX=2", args.get(0));
        List<String> jvmOptions = Files.readAllLines(home.resolve("jvm.options")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertEquals(jvmOptions, args.subList(1, 1 + jvmOptions.size()), "kiosk/jvm.options first");
        assertTrue(args.contains("-Dlogback.configurationFile=" + logback), args.toString());
        assertTrue(args.contains("-XX:+AutoCreateSharedArchive"), args.toString());
        assertTrue(args.contains("-XX:SharedArchiveFile=" + cache.resolve("kiosk.jsa")), args.toString());
        assertTrue(args.contains("-Dkiosk.ui.web-root=" + home.resolve("web")), args.toString());
        assertEquals(List.of("-jar", home.resolve("lib/jinban-kiosk.jar").toString(), "/etc/jinban/kiosk.yaml"),
                args.subList(args.size() - 3, args.size()));
    }

    @Test
    void aJavaOlderThan21IsPassedOver() throws IOException {
        Path old = pkg.scratch("jdk17");
        Files.createDirectories(old.resolve("bin"));
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"17.0.13\"\n");
        Path java = old.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho 'the old java ran'\nexit 9\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Proc p = Proc.run(Duration.ofSeconds(60), Map.of("JAVA_HOME", old.toString(),
                        "JINBAN_HOME", root.resolve("usr/share/jinban").toString()), null,
                List.of(root.resolve("usr/bin/jinban-provision").toString(), "--version"));
        assertFalse(p.output().contains("the old java ran"), p.output());
        // This machine has a JDK >= 21 (it runs these tests); the launcher looks for it.
        assertEquals(0, p.status(), p.output());
        assertEquals("jinban-provision " + pkg.version, p.output().strip());
    }

    @Test
    void theTarballRunsFromWhereverItIsUnpacked() throws IOException {
        Path into = pkg.scratch("tar");
        String listing = Proc.ok("tar", "--numeric-owner", "-tvzf", pkg.tarball.toString());
        for (String line : listing.lines().toList()) {
            assertTrue(line.split("\\s+")[1].equals("0/0"), "owned by root: " + line);
            assertTrue(line.charAt(8) != 'w', "world-writable: " + line);
        }
        Proc.ok("tar", "-xzf", pkg.tarball.toString(), "-C", into.toString());
        Path top = into.resolve("jinban-" + pkg.version);
        for (String f : List.of("INSTALL.md", "bin/jinban-provision", "bin/jinban-kiosk", "lib/jinban-kiosk.jar",
                "lib/jinban-provision.jar", "lib/find-java.sh", "web/index.html", "jvm.options",
                "etc/jinban/kiosk.yaml", "contrib/systemd/system/jinban-kiosk.service")) {
            assertTrue(Files.exists(top.resolve(f)), "missing " + f);
        }
        Set<PosixFilePermission> launcher = Files.getPosixFilePermissions(top.resolve("bin/jinban-provision"));
        assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), launcher);
        assertEquals(names(root.resolve("usr/share/jinban/lib/libs")), names(top.resolve("lib/libs")),
                "the same libraries as the .deb");

        Proc p = Proc.run(Duration.ofSeconds(60), Map.of("JAVA_HOME", javaHome()), into,
                List.of(top.resolve("bin/jinban-provision").toString(), "--version"));
        assertEquals(0, p.status(), p.output());
        assertEquals("jinban-provision " + pkg.version, p.output().strip());
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** dpkg-deb -f: "Key: value" with continuation lines. */
    private static Map<String, String> fields(String control) {
        Map<String, String> fields = new LinkedHashMap<>();
        String key = null;
        for (String line : control.lines().toList()) {
            if (line.startsWith(" ") && key != null) {
                fields.merge(key, "\n" + line.strip(), String::concat);
            } else {
                int colon = line.indexOf(':');
                key = line.substring(0, colon);
                fields.put(key, line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** A unit file's keys (all sections) with their values in order. */
    private static Map<String, List<String>> unit(Path file) throws IOException {
        Map<String, List<String>> keys = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("[")) {
                continue;
            }
            int eq = line.indexOf('=');
            assertTrue(eq > 0, "not a key=value line in " + file.getFileName() + ": " + line);
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            List<String> values = keys.computeIfAbsent(key, k -> new java.util.ArrayList<>());
            if (key.equals("After")) {
                values.addAll(List.of(value.split("\\s+")));
            } else {
                values.add(value);
            }
        }
        return keys;
    }
}
