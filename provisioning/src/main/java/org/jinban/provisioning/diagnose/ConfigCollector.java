package org.jinban.provisioning.diagnose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The technician's {@code kiosk.yaml} and the enrollment's {@code enrollment.yaml}, redacted
 * ({@link ConfigRedactor}), and a listing of the configuration and secret files: names, modes,
 * owners and sizes only, so that support can see a credential readable by others or owned by
 * the wrong user without ever seeing the credential.
 */
final class ConfigCollector implements Collector {
    static final String SERVICE_USER = "jinban";

    private final Path configFile;
    private final Path enrollmentFile;
    private final Path secretDir;
    private final ConfigView config;

    ConfigCollector(Path configFile, Path enrollmentFile, Path secretDir, ConfigView config) {
        this.configFile = configFile;
        this.enrollmentFile = enrollmentFile;
        this.secretDir = secretDir;
        this.config = config;
    }

    @Override
    public String title() {
        return "configuration";
    }

    @Override
    public void collect(Section section) {
        int redacted = redacted(section, configFile, "config/kiosk.yaml", true)
                + redacted(section, enrollmentFile, "config/enrollment.yaml", false);
        Map<Path, String> unreadable = config.unreadable();
        unreadable.forEach((file, why) -> {
            if (why.startsWith("does not parse")) {
                section.problem("configuration: " + file + " " + why + " (the kiosk cannot start with it)");
            }
        });
        section.collected("configuration files, " + redacted + " secret value(s) redacted");
        files(section);
    }

    private int redacted(Section section, Path file, String entry, boolean required) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (required) {
                section.problem("configuration: " + file + " does not exist");
            } else {
                section.notCollected(file.getFileName().toString(), "not there (the kiosk is not enrolled yet)");
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            section.notCollected(file.getFileName().toString(), Diagnosis.describe(e));
            return 0;
        }
        ConfigRedactor.Redacted r = ConfigRedactor.redact(text);
        section.entry(entry, "# " + file + ", secret values replaced by " + ConfigRedactor.REDACTED + "\n" + r.text());
        return r.values();
    }

    /** The configuration directory, the secret directory and any secret file the configuration names elsewhere. */
    private void files(Section section) {
        StringBuilder text = new StringBuilder("# names, modes, owners and sizes; never the contents\n");
        Path configDir = configFile.toAbsolutePath().getParent();
        if (configDir != null) {
            text.append("\n== ").append(configDir).append('\n');
            list(configDir, text, section, false);
        }
        text.append("\n== ").append(secretDir).append(" (secrets: expected 0700 directory, 0600 files, owner ")
                .append(SERVICE_USER).append(")\n");
        try {
            FileFacts dir = FileFacts.of(secretDir);
            text.append(dir.line()).append('\n');
            judge(dir, section);
            list(secretDir, text, section, true);
        } catch (NoSuchFileException e) {
            text.append("not there\n");
            section.notCollected("secret files", "no " + secretDir + " (the kiosk is not enrolled yet)");
        } catch (IOException e) {
            text.append(Diagnosis.describe(e)).append('\n');
            section.notCollected("secret files", Diagnosis.describe(e));
        }
        Set<Path> named = new LinkedHashSet<>();
        for (Path p : config.secretFiles()) {
            if (!p.toAbsolutePath().normalize().startsWith(secretDir.toAbsolutePath().normalize())) {
                named.add(p);
            }
        }
        if (!named.isEmpty()) {
            text.append("\n== secret files the configuration names outside ").append(secretDir).append('\n');
            for (Path p : named) {
                try {
                    FileFacts f = FileFacts.of(p);
                    text.append(f.line()).append('\n');
                    judge(f, section);
                } catch (IOException e) {
                    text.append(p).append(": ").append(Diagnosis.describe(e)).append('\n');
                }
            }
        }
        section.entry("config/files.txt", text.toString());
    }

    private static void list(Path dir, StringBuilder text, Section section, boolean secret) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            text.append("cannot list: ").append(Diagnosis.describe(e)).append('\n');
            if (secret) {
                section.notCollected("secret files", "cannot list " + dir + ": " + Diagnosis.describe(e));
            }
            return;
        }
        children.sort(null);
        for (Path child : children) {
            try {
                FileFacts f = FileFacts.of(child);
                text.append(f.line()).append('\n');
                if (secret) {
                    judge(f, section);
                }
            } catch (IOException e) {
                text.append(child).append(": ").append(Diagnosis.describe(e)).append('\n');
            }
        }
    }

    /** A secret file or directory open to others, or owned by another user than the service's. */
    private static void judge(FileFacts f, Section section) {
        if (f.type() == 'l') {
            return;
        }
        if (f.openToOthers()) {
            section.problem("secret files: " + f.path() + " is mode " + f.octal() + ", must be "
                    + (f.type() == 'd' ? "0700" : "0600") + " (readable by others than its owner)");
        }
        if (serviceUserExists() && !SERVICE_USER.equals(f.owner())) {
            section.problem("secret files: " + f.path() + " is owned by " + f.owner() + ", must be owned by "
                    + SERVICE_USER + " (the kiosk service cannot read it otherwise)");
        }
    }

    private static boolean serviceUserExists() {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVICE_USER);
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
