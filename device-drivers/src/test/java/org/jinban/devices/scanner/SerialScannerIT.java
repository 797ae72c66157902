package org.jinban.devices.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jinban.devices.DeviceStatus;
import org.jinban.devices.testing.PtyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production serial code on one end of a socat pty pair, a "scanner" writing lines on the other. */
class SerialScannerIT {
    @TempDir
    Path dir;

    @Test
    void readsLinesGoesOfflineWhenTheCableIsPulledAndComesBack() throws Exception {
        BlockingQueue<String> codes = new LinkedBlockingQueue<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        BlockingQueue<DeviceStatus> states = new LinkedBlockingQueue<>();
        PtyPair pty = PtyPair.open(dir);
        ScannerConfig config = new ScannerConfig(pty.a.toString(), 9600, 128, Duration.ofMillis(100));
        try (SerialScanner scanner = new SerialScanner(config, new ScanListener() {
            @Override
            public void scanned(String code) {
                codes.add(code);
            }

            @Override
            public void rejected(String reason) {
                refused.add(reason);
            }
        }, states::add).start()) {
            assertEquals(DeviceStatus.State.OK, states.poll(5, TimeUnit.SECONDS).state());
            try (OutputStream scannerEnd = new FileOutputStream(pty.b.toFile())) {
                scannerEnd.write("3707830011-20261123-0001-K\r\n".getBytes(StandardCharsets.UTF_8));
                scannerEnd.write("bad\u0001line\r\nhttps://jinban.example/a?t=寿光\r\n".getBytes(StandardCharsets.UTF_8));
                scannerEnd.flush();
                assertEquals("3707830011-20261123-0001-K", codes.poll(5, TimeUnit.SECONDS));
                assertEquals("https://jinban.example/a?t=寿光", codes.poll(5, TimeUnit.SECONDS));
                assertEquals(List.of("control characters in the line"), refused);
            }

            long pulled = System.nanoTime();
            pty.close();
            DeviceStatus gone = states.poll(5, TimeUnit.SECONDS);
            long tookMillis = (System.nanoTime() - pulled) / 1_000_000;
            assertEquals(DeviceStatus.State.OFFLINE, gone.state());
            assertTrue(tookMillis <= 2_000, "offline within 2 s of the cable pull, took " + tookMillis + " ms");

            try (PtyPair again = PtyPair.open(dir)) {
                DeviceStatus back = states.poll(5, TimeUnit.SECONDS);
                while (back != null && back.state() != DeviceStatus.State.OK) {
                    back = states.poll(5, TimeUnit.SECONDS);
                }
                assertEquals(DeviceStatus.State.OK, back == null ? null : back.state(), "back by itself");
                try (OutputStream scannerEnd = new FileOutputStream(again.b.toFile())) {
                    scannerEnd.write("after\n".getBytes(StandardCharsets.UTF_8));
                    scannerEnd.flush();
                    assertEquals("after", codes.poll(5, TimeUnit.SECONDS));
                }
                assertEquals(DeviceStatus.State.OK, scanner.status().state());
            }
        }
    }
}
