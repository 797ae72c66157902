package org.jinban.provisioning.enroll;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The {@code --config} and {@code --secret-dir} options of the commands that write a kiosk's
 * files (enroll, technician-pin, factory-reset), as one picocli mixin, so that the three name,
 * default and resolve them alike.
 */
public final class KioskPathOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "the kiosk's config file (default: $JINBAN_CONFIG, else " + KioskLayout.DEFAULT_CONFIG + ")")
    Path config;

    @Option(names = "--secret-dir", paramLabel = "DIR", description = "the secrets' directory (default: secret/ beside the config)")
    Path secretDir;

    /** The kiosk's files as these options and {@code dataDir} (null: the config's) name them. */
    public KioskLayout layout(Path dataDir) {
        return KioskLayout.of(KioskLayout.configFile(config), secretDir, dataDir);
    }
}
