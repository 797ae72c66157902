package org.jinban.provisioning.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * postinst, prerm and postrm run for real against a scratch root ($DPKG_ROOT: the package
 * extracted into it), with adduser, getent, systemctl, udevadm, chown, deluser and delgroup
 * replaced by scripts that record their calls: users and groups made, directories with their
 * modes, systemd told, and nothing deleted before a purge.
 */
class MaintainerScriptsIT {
    private static final String ROOT_PLACEHOLDER = "<root>";

    private BuiltPackage pkg;
    private Path root;
    private Path control;
    private Path calls;
    private Path stubs;

    @BeforeEach
    void scratchRoot() throws IOException {
        pkg = BuiltPackage.get();
        root = pkg.extracted();
        control = pkg.scratch("control");
        Proc.ok("dpkg-deb", "-e", pkg.deb.toString(), control.toString());
        Files.createDirectories(root.resolve("run/systemd/system"));
        Files.createDirectories(root.resolve("run/udev"));
        calls = pkg.scratch("calls").resolve("calls");
        stubs = pkg.scratch("bin");
        String record = "echo \"$(basename \"$0\") $*\" >> '" + calls + "'\n";
        for (String tool : List.of("adduser", "systemctl", "udevadm", "chown", "deluser", "delgroup")) {
            stub(tool, record + "exit 0\n");
        }
        // This system has the groups dialout, gpio and video, no lp, render or input; the users
        // jinban and jinban-screen exist (postinst made them).
        stub("getent", record + """
                case "$1 $2" in
                  "group dialout"|"group gpio"|"group video"|"group jinban"|"group jinban-screen") exit 0 ;;
                  "passwd jinban"|"passwd jinban-screen") exit 0 ;;
                esac
                exit 2
                """);
    }

    private void stub(String name, String body) throws IOException {
        Path s = stubs.resolve(name);
        Files.writeString(s, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs a maintainer script as dpkg would, under $DPKG_ROOT; returns the calls it made. */
    private List<String> run(String script, String... args) throws IOException {
        Files.deleteIfExists(calls);
        List<String> command = new java.util.ArrayList<>(List.of("sh", control.resolve(script).toString()));
        command.addAll(List.of(args));
        Proc p = Proc.run(Duration.ofSeconds(30),
                Map.of("DPKG_ROOT", root.toString(), "PATH", stubs + ":/usr/sbin:/usr/bin:/sbin:/bin"), null, command);
        assertEquals(0, p.status(), script + " " + String.join(" ", args) + ": " + p.output());
        return Files.exists(calls)
                ? Files.readAllLines(calls).stream().map(l -> l.replace(root.toString(), ROOT_PLACEHOLDER)).toList()
                : List.of();
    }

    private String mode(String path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(path)));
    }

    /** A bound unix socket, as udevd's control socket is while udev runs. */
    private ServerSocketChannel udevRunning() throws IOException {
        ServerSocketChannel udev = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        udev.bind(UnixDomainSocketAddress.of(root.resolve("run/udev/control")));
        return udev;
    }

    @Test
    void aFirstInstallMakesUsersDirectoriesAndEnablesWithoutStarting() throws IOException {
        List<String> calls;
        try (ServerSocketChannel udev = udevRunning()) {
            calls = run("postinst", "configure");
        }
        assertTrue(calls.contains("adduser --system --group --quiet --home /var/lib/jinban --no-create-home"
                + " --gecos Jinban kiosk service jinban"), calls.toString());
        assertTrue(calls.contains("adduser --system --group --quiet --home /var/lib/jinban-screen --no-create-home"
                + " --gecos Jinban kiosk screen jinban-screen"), calls.toString());
        assertTrue(calls.contains("adduser --quiet jinban dialout"), calls.toString());
        assertTrue(calls.contains("adduser --quiet jinban gpio"), calls.toString());
        assertFalse(calls.contains("adduser --quiet jinban lp"), "no lp group here: " + calls);
        assertTrue(calls.contains("adduser --quiet jinban-screen video"), calls.toString());
        assertFalse(calls.contains("adduser --quiet jinban-screen input"), calls.toString());

        assertTrue(calls.contains("chown jinban:jinban <root>/var/lib/jinban <root>/var/log/jinban"
                + " <root>/var/cache/jinban <root>/etc/jinban/secret"), calls.toString());
        assertTrue(calls.contains("chown root:jinban <root>/etc/jinban/kiosk.yaml"), calls.toString());
        assertEquals("rwxr-x---", mode("var/lib/jinban"));
        assertEquals("rwxr-x---", mode("var/log/jinban"));
        assertEquals("rwxr-x---", mode("var/cache/jinban"));
        assertEquals("rwx------", mode("etc/jinban/secret"));
        assertEquals("rw-r-----", mode("etc/jinban/kiosk.yaml"));

        assertTrue(calls.contains("systemctl daemon-reload"), calls.toString());
        assertTrue(calls.contains("systemctl --root=<root> enable jinban-kiosk.service jinban-screen.service"),
                calls.toString());
        assertFalse(calls.stream().anyMatch(c -> c.matches("systemctl .*(start|restart).*")),
                "the kiosk starts once enrolled, not at install: " + calls);
        assertTrue(calls.contains("udevadm control --reload-rules"), calls.toString());
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("udevadm trigger")), calls.toString());
    }

    @Test
    void anUpgradeRestartsARunningKioskAndLeavesTheUnitsAsTheyWere() throws IOException {
        List<String> calls = run("postinst", "configure", "0.0.9");
        assertTrue(calls.contains("systemctl try-restart jinban-kiosk.service"), calls.toString());
        assertFalse(calls.stream().anyMatch(c -> c.contains(" enable ")), "a disabled unit stays so: " + calls);
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("udevadm")), "udev is not running here: " + calls);

        assertEquals(List.of(), run("prerm", "upgrade", "0.2.0"), "the kiosk runs on during the upgrade");
        assertEquals(List.of(), run("postrm", "upgrade", "0.2.0"));
    }

    @Test
    void removeKeepsEverythingAndOnlyPurgeDeletesDataSecretsAndUsers() throws IOException {
        run("postinst", "configure");
        Files.writeString(root.resolve("var/lib/jinban/jinban.db"), "data");
        Files.writeString(root.resolve("var/log/jinban/kiosk.log"), "log");
        Files.writeString(root.resolve("etc/jinban/secret/kiosk.key"), "secret");
        Files.writeString(root.resolve("etc/jinban/enrollment.yaml"), "sync: {}");

        List<String> prerm = run("prerm", "remove");
        assertTrue(prerm.contains("systemctl stop jinban-screen.service jinban-kiosk.service"), prerm.toString());
        assertTrue(prerm.contains("systemctl --root=<root> disable jinban-screen.service jinban-kiosk.service"),
                prerm.toString());
        List<String> remove = run("postrm", "remove");
        assertFalse(remove.stream().anyMatch(c -> c.startsWith("deluser") || c.startsWith("delgroup")), remove.toString());
        for (String kept : List.of("var/lib/jinban/jinban.db", "var/log/jinban/kiosk.log",
                "etc/jinban/secret/kiosk.key", "etc/jinban/enrollment.yaml")) {
            assertTrue(Files.exists(root.resolve(kept)), "remove must keep " + kept);
        }

        List<String> purge = run("postrm", "purge");
        for (String gone : List.of("var/lib/jinban", "var/log/jinban", "var/cache/jinban", "var/lib/jinban-screen",
                "etc/jinban/secret", "etc/jinban/enrollment.yaml")) {
            assertFalse(Files.exists(root.resolve(gone)), "purge must delete " + gone);
        }
        assertTrue(Files.exists(root.resolve("etc/jinban/kiosk.yaml")), "dpkg itself purges the conffiles");
        assertTrue(Files.exists(root.resolve("usr/share/jinban/lib/jinban-kiosk.jar")), "nothing outside its data");
        assertTrue(purge.contains("deluser --quiet --system jinban"), purge.toString());
        assertTrue(purge.contains("deluser --quiet --system jinban-screen"), purge.toString());
    }

    @Test
    void anUnknownActionIsRefused() {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Proc p = Proc.run(Duration.ofSeconds(30), Map.of("DPKG_ROOT", root.toString(),
                    "PATH", stubs + ":/usr/bin:/bin"), null, List.of("sh", control.resolve(script).toString(), "bogus"));
            assertEquals(1, p.status(), script);
            assertTrue(p.output().contains("unknown argument 'bogus'"), p.output());
        }
    }
}
