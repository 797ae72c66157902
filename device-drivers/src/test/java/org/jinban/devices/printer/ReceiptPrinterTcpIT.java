package org.jinban.devices.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver against a simulated network printer on a loopback port. */
class ReceiptPrinterTcpIT {

    private static Receipt bigJob() {
        // far larger than the socket buffers, so the drop happens while the job is being written
        return Receipt.builder().text("x".repeat(300_000)).cut().build();
    }

    @Test
    void aDropMidJobFailsThatJobAndTheNextJobReconnects() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            PrinterSimulator sim = new PrinterSimulator("tcp-sim");
            SimulatedPrinterServer server = new SimulatedPrinterServer(sim, 0);
            int port = server.port();
            PrinterConfig config = PrinterConfig.parse("tcp://127.0.0.1:" + port);
            try (ReceiptPrinter printer = ReceiptPrinter.of(config)) {
                printer.print(SampleReceipts.sample());
                assertEquals(PrinterStatus.State.OK, printer.status().state());

                server.dropConnectionAfter(2_000);
                PrinterException failed = assertThrows(PrinterException.class, () -> printer.print(bigJob()));
                assertTrue(failed.getMessage().contains("tcp://127.0.0.1:" + port), failed.getMessage());
                assertTrue(failed.getMessage().contains("1B 40"), failed.getMessage());
                assertTrue(failed.getCause() instanceof java.net.SocketException, String.valueOf(failed.getCause()));

                // printer gone for a while: the job fails with a typed error, status is OFFLINE
                server.close();
                PrinterException refused = assertThrows(PrinterException.class, () -> printer.print(SampleReceipts.sample()));
                assertTrue(refused.getMessage().contains("cannot open the link"), refused.getMessage());
                assertEquals(PrinterStatus.State.OFFLINE, printer.status().state());

                // printer back on the same port: the next job reopens the link, no restart
                sim.clear();
                server = new SimulatedPrinterServer(sim, port);
                printer.print(SampleReceipts.sample());
                assertEquals(PrinterStatus.State.OK, printer.status().state());
                PrintedReceipt job = sim.receipts().getFirst();
                assertEquals(List.of(SampleReceipts.QR_PAYLOAD), job.qrPayloads());
                assertEquals(SampleReceipts.TITLE, job.textLines().getFirst());
            } finally {
                server.close();
            }
        });
    }

    @Test
    void statusOverTcpReportsPaperEndAndUnknownOnSilence() throws Exception {
        PrinterSimulator sim = new PrinterSimulator("tcp-sim").paperEnd(true);
        try (SimulatedPrinterServer server = new SimulatedPrinterServer(sim, 0);
             ReceiptPrinter printer = ReceiptPrinter.of(
                     PrinterConfig.parse("tcp://127.0.0.1:" + server.port()).withStatusTimeout(Duration.ofMillis(200)))) {
            assertEquals(PrinterStatus.State.PAPER_END, printer.status().state());
            sim.answersStatus(false);
            PrinterStatus silent = assertTimeoutPreemptively(Duration.ofSeconds(3), printer::status);
            assertEquals(PrinterStatus.State.UNKNOWN, silent.state());
        }
    }
}
