package org.jinban.provisioning.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The .deb and the tarball, built once per test run by {@code build-package.sh} (what
 * {@code ./run package} runs) from the jars of this reactor, into a scratch directory.
 */
final class BuiltPackage {
    private static BuiltPackage built;

    final String version;
    final String debVersion;
    final Path repo;
    final Path dir;
    final Path deb;
    final Path tarball;

    private BuiltPackage(String version, Path repo, Path dir, Path deb, Path tarball) {
        this.version = version;
        this.debVersion = version.replaceFirst("-", "~");
        this.repo = repo;
        this.dir = dir;
        this.deb = deb;
        this.tarball = tarball;
    }

    static synchronized BuiltPackage get() throws IOException {
        if (built == null) {
            String version = System.getProperty("jinban.version");
            String repoDir = System.getProperty("jinban.repo");
            if (version == null || repoDir == null) {
                throw new IllegalStateException("run by failsafe: it sets jinban.version and jinban.repo");
            }
            Path repo = Path.of(repoDir).toRealPath();
            Path dir = Files.createTempDirectory("jinban-package");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            Proc p = Proc.run(Duration.ofMinutes(5), Map.of(), repo, List.of("bash",
                    repo.resolve("provisioning/src/main/dist/build-package.sh").toString(),
                    "--version", version, "--out", dir.resolve("dist").toString()));
            if (p.status() != 0) {
                throw new AssertionError("build-package.sh ended " + p.status() + ": " + p.output());
            }
            List<String> printed = p.output().lines().filter(l -> l.startsWith("/")).toList();
            if (printed.size() != 2) {
                throw new AssertionError("build-package.sh should print the two paths: " + p.output());
            }
            built = new BuiltPackage(version, repo, dir, Path.of(printed.get(0)), Path.of(printed.get(1)));
        }
        return built;
    }

    /** A fresh scratch directory under the build's. */
    Path scratch(String name) throws IOException {
        return Files.createTempDirectory(dir, name);
    }

    /** The package's files, extracted ({@code dpkg-deb -x}) into a fresh directory. */
    Path extracted() throws IOException {
        Path root = scratch("root");
        Proc.ok("dpkg-deb", "-x", deb.toString(), root.toString());
        return root;
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
