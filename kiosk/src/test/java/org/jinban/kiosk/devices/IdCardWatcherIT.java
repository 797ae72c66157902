package org.jinban.kiosk.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jinban.devices.DeviceStatus;
import org.jinban.devices.idcard.IdCardConfig;
import org.jinban.devices.idcard.IdCardSamples;
import org.jinban.devices.idcard.IdCardSimulator;
import org.jinban.devices.serial.JSerialCommLink;
import org.jinban.kiosk.events.EventHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's watcher on a real serial line (a socat pty pair, the SAM simulator on the far
 * end): a card is read, the cable is pulled (socat killed), the reader is offline within 2 s
 * and back by itself when the line returns.
 */
class IdCardWatcherIT {
    @TempDir
    Path dir;

    private Process socat(Path a, Path b) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/socat"))) {
            throw new AssertionError("socat is missing: sudo apt-get install socat");
        }
        Files.deleteIfExists(a);
        Files.deleteIfExists(b);
        Process p = new ProcessBuilder("/usr/bin/socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(a) && Files.exists(b))) {
            assertTrue(System.nanoTime() < deadline && p.isAlive(), "socat made no pty pair");
            Thread.sleep(20);
        }
        return p;
    }

    private static DeviceStatus.State next(BlockingQueue<DeviceStatus> states, DeviceStatus.State wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        while (System.nanoTime() < deadline) {
            DeviceStatus s = states.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.state() == wanted) {
                return wanted;
            }
        }
        return null;
    }

    @Test
    void readsACardGoesOfflineWhenTheCableIsPulledAndComesBack() throws Exception {
        Path a = dir.resolve("host");
        Path b = dir.resolve("sam");
        EventHub hub = new EventHub();
        BlockingQueue<DeviceStatus> states = new LinkedBlockingQueue<>();
        IdCardConfig config = new IdCardConfig(a.toString(), IdCardConfig.DEFAULT_BAUD, Duration.ofMillis(300), 1);
        Process cable = socat(a, b);
        IdCardSimulator sam = new IdCardSimulator(JSerialCommLink.open(b.toString(), IdCardConfig.DEFAULT_BAUD)).start();
        sam.placeCard(IdCardSamples.testSample());
        try (IdCardWatcher watcher = new IdCardWatcher(() -> JSerialCommLink.open(config.port(), config.baudRate()), config, hub,
                (device, state) -> states.add(state)).start()) {
            assertEquals(DeviceStatus.State.OK, next(states, DeviceStatus.State.OK));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (watcher.current().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(IdCardSamples.testSample().idNumber(), watcher.current().orElseThrow().idNumber());

            long pulled = System.nanoTime();
            cable.destroyForcibly().waitFor();
            sam.close();
            assertEquals(DeviceStatus.State.OFFLINE, next(states, DeviceStatus.State.OFFLINE));
            long tookMillis = (System.nanoTime() - pulled) / 1_000_000;
            assertTrue(tookMillis <= 2_000, "offline within 2 s, took " + tookMillis + " ms");
            assertTrue(watcher.current().isEmpty(), "the card's data is forgotten with the reader");

            Process again = socat(a, b);
            try {
                IdCardSimulator back = new IdCardSimulator(JSerialCommLink.open(b.toString(),
                        IdCardConfig.DEFAULT_BAUD)).start();
                try {
                    assertEquals(DeviceStatus.State.OK, next(states, DeviceStatus.State.OK), "back by itself");
                } finally {
                    back.close();
                }
            } finally {
                again.destroyForcibly().waitFor();
            }
        } finally {
            cable.destroyForcibly();
        }
    }
}
