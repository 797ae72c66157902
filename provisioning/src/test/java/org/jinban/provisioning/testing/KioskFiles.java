package org.jinban.provisioning.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kiosk's /etc/jinban in a temporary directory: its kiosk.yaml with a data directory beside it. */
public final class KioskFiles {
    private KioskFiles() {
    }

    /** Writes {@code etc}/kiosk.yaml with {@code etc}/data as data dir and {@code port} as the kiosk's port. */
    public static Path config(Path etc, int port) throws IOException {
        Files.createDirectories(etc);
        return Files.writeString(etc.resolve("kiosk.yaml"), "server:\n  port: " + port + "\nkiosk:\n  data-dir: "
                + etc.resolve("data") + "\n");
    }

    /** A loopback port nothing listens on (bound and closed at once). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static String me() {
        return System.getProperty("user.name");
    }
}
