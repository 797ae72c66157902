package org.jinban.provisioning.reset;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Whether the kiosk service is running: its HTTP port answers, or systemd (where there is one)
 * says the unit is active. Factory reset refuses while it is: the service holds the database
 * open and would write a new data secret the moment the old one is gone.
 */
final class KioskService {
    private static final int CONNECT_MILLIS = 1000;
    private static final Set<String> RUNNING = Set.of("active", "activating", "reloading", "deactivating");

    private KioskService() {
    }

    /** Why the service looks like it is running, or empty if it does not. */
    static Optional<String> running(String host, int port, String unit) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
            return Optional.of("something answers on the kiosk's port " + host + ":" + port);
        } catch (IOException e) {
            // nothing listens: go on to ask systemd
        }
        return systemdState(unit).filter(RUNNING::contains)
                .map(state -> "systemd says the unit " + unit + " is " + state);
    }

    /** {@code systemctl is-active UNIT}'s answer, if systemctl exists and answers within a few seconds. */
    private static Optional<String> systemdState(String unit) {
        Path systemctl = Path.of("/usr/bin/systemctl");
        if (!Files.isExecutable(systemctl) && !Files.isExecutable(Path.of("/bin/systemctl"))) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder("systemctl", "is-active", unit)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
