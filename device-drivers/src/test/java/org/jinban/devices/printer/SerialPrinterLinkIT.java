package org.jinban.devices.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import org.jinban.devices.testing.PtyPair;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serial link over a real pseudo-terminal pair from socat, the simulator on the far end. */
class SerialPrinterLinkIT {

    @Test
    void printsReadsStatusAndGoesOfflineWhenTheCableIsPulled(@TempDir Path dir) throws Exception {
        PtyPair pty = PtyPair.open(dir);
        PrinterSimulator sim = new PrinterSimulator("pty-sim").paperNearEnd(true);
        Thread far = null;
        try {
            InputStream in = new FileInputStream(pty.b.toFile());
            OutputStream out = new FileOutputStream(pty.b.toFile());
            far = Thread.ofPlatform().daemon().start(() -> pump(sim, in, out));
            PrinterConfig config = PrinterConfig.parse("serial:" + pty.a + "?baud=115200")
                    .withStatusTimeout(Duration.ofMillis(500));
            try (ReceiptPrinter printer = ReceiptPrinter.of(config)) {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    printer.print(SampleReceipts.sample());
                    assertEquals(PrinterStatus.State.PAPER_NEAR_END, printer.status().state());
                });
                assertEquals(List.of(SampleReceipts.QR_PAYLOAD), sim.receipts().getFirst().qrPayloads());
                assertEquals(SampleReceipts.TITLE, sim.receipts().getFirst().textLines().getFirst());

                pty.kill(); // the cable pulled: the device node stays, the pty behind it is dead
                long pulled = System.nanoTime();
                PrinterStatus after = assertTimeoutPreemptively(Duration.ofSeconds(5), printer::status);
                long tookMs = (System.nanoTime() - pulled) / 1_000_000;
                assertEquals(PrinterStatus.State.OFFLINE, after.state(), after.reason());
                assertTrue(tookMs < 2_000, "offline noticed after " + tookMs + " ms");
                assertThrows(PrinterException.class, () -> printer.print(SampleReceipts.sample()));
            }
        } finally {
            pty.close();
            if (far != null) {
                far.join(2000);
            }
        }
    }

    private static void pump(PrinterSimulator sim, InputStream in, OutputStream out) {
        byte[] buffer = new byte[512];
        try (in; out) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                try {
                    sim.receive(buffer, 0, n);
                } catch (MalformedEscPosException e) {
                    // a test failure shows up as missing content in the assertions
                }
                out.write(sim.takeReplies());
                out.flush();
            }
        } catch (IOException e) {
            // socat ended: the pty is gone
        }
    }
}
