package org.jinban.devices.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PrinterStatusTest {

    @ParameterizedTest
    @CsvSource({
        "12, 12, OK",
        "16, 12, COVER_OPEN",
        "32, 12, PAPER_END",
        "12, 72, PAPER_END",
        "12, 7E, PAPER_END",
        "12, 1E, PAPER_NEAR_END",
        "36, 7E, COVER_OPEN",
        "00, 12, UNKNOWN",
        "12, FF, UNKNOWN",
    })
    void mapsEachBit(String offlineCause, String paperSensor, PrinterStatus.State expected) {
        assertEquals(expected, PrinterStatus.fromReplies(Integer.parseInt(offlineCause, 16),
                Integer.parseInt(paperSensor, 16)).state());
    }

    @ParameterizedTest
    @CsvSource({
        "false, false, false, OK",
        "true,  false, false, PAPER_END",
        "false, true,  false, PAPER_NEAR_END",
        "false, false, true,  COVER_OPEN",
    })
    void driverAsksTheSimulatorOverALink(boolean paperEnd, boolean nearEnd, boolean cover, PrinterStatus.State expected) {
        PrinterSimulator sim = new PrinterSimulator("sim").paperEnd(paperEnd).paperNearEnd(nearEnd).coverOpen(cover);
        try (ReceiptPrinter printer = new ReceiptPrinter("sim", () -> new SimulatorLink(sim), Duration.ofMillis(200))) {
            assertEquals(expected, printer.status().state());
        }
    }

    @Test
    void silenceIsUnknownWithinABoundedTime() {
        PrinterSimulator sim = new PrinterSimulator("mute").answersStatus(false);
        try (ReceiptPrinter printer = new ReceiptPrinter("mute", () -> new SimulatorLink(sim), Duration.ofMillis(150))) {
            PrinterStatus status = assertTimeoutPreemptively(Duration.ofSeconds(2), printer::status);
            assertEquals(PrinterStatus.State.UNKNOWN, status.state());
            assertTrue(status.reason().contains("DLE EOT 2"), status.reason());
        }
    }

    @Test
    void unreachablePrinterIsOfflineNamingIt() {
        try (ReceiptPrinter printer = new ReceiptPrinter("tcp://nowhere:9100",
                () -> { throw new IOException("Connection refused"); }, Duration.ofMillis(100))) {
            PrinterStatus status = printer.status();
            assertEquals(PrinterStatus.State.OFFLINE, status.state());
            assertTrue(status.reason().contains("tcp://nowhere:9100") && status.reason().contains("Connection refused"),
                    status.reason());
        }
    }
}
