package org.jinban.devices.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serial link over a real pseudo-terminal pair from socat, the simulator on the far end. */
class SerialPrinterLinkIT {

    @Test
    void printsAndReadsStatusOverAPseudoTerminal(@TempDir Path dir) throws Exception {
        Path driverSide = dir.resolve("ttyPrinter");
        Path printerSide = dir.resolve("ttySim");
        Process socat = startSocat(driverSide, printerSide);
        PrinterSimulator sim = new PrinterSimulator("pty-sim").paperNearEnd(true);
        Thread far = null;
        try {
            waitFor(driverSide, printerSide);
            InputStream in = new FileInputStream(printerSide.toFile());
            OutputStream out = new FileOutputStream(printerSide.toFile());
            far = Thread.ofPlatform().daemon().start(() -> pump(sim, in, out));
            PrinterConfig config = PrinterConfig.parse("serial:" + driverSide + "?baud=115200")
                    .withStatusTimeout(Duration.ofMillis(500));
            try (ReceiptPrinter printer = ReceiptPrinter.of(config)) {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    printer.print(SampleReceipts.sample());
                    assertEquals(PrinterStatus.State.PAPER_NEAR_END, printer.status().state());
                });
            }
            assertEquals(List.of(SampleReceipts.QR_PAYLOAD), sim.receipts().getFirst().qrPayloads());
            assertEquals(SampleReceipts.TITLE, sim.receipts().getFirst().textLines().getFirst());
        } finally {
            socat.destroy();
            socat.waitFor();
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

    private static Process startSocat(Path a, Path b) throws IOException {
        try {
            return new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("socat is missing (it makes the pseudo-terminal pair): sudo apt-get install socat", e);
            throw e;
        }
    }

    private static void waitFor(Path a, Path b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline) {
                fail("socat did not create " + a + " and " + b + " within 5 s");
            }
            Thread.sleep(20);
        }
    }
}
