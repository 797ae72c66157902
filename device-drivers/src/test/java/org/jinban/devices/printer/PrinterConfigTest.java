package org.jinban.devices.printer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrinterConfigTest {

    @Test
    void parsesEachTransport() {
        PrinterConfig file = PrinterConfig.parse("file:/dev/usb/lp0");
        assertEquals(PrinterConfig.Transport.FILE, file.transport());
        assertEquals("/dev/usb/lp0", file.target());

        PrinterConfig serial = PrinterConfig.parse("serial:/dev/ttyUSB0?baud=19200");
        assertEquals(PrinterConfig.Transport.SERIAL, serial.transport());
        assertEquals("/dev/ttyUSB0", serial.target());
        assertEquals(19200, serial.baud());
        assertEquals(9600, PrinterConfig.parse("serial:/dev/ttyS0").baud());

        PrinterConfig tcp = PrinterConfig.parse("tcp://printer:9100");
        assertEquals(PrinterConfig.Transport.TCP, tcp.transport());
        assertEquals("printer", tcp.target());
        assertEquals(9100, tcp.port());
        assertEquals(9100, PrinterConfig.parse("tcp://10.0.0.5").port());
        assertEquals("tcp://printer:9100", tcp.describe());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                              | is empty",
        "usb:/dev/usb/lp0                | unknown scheme",
        "file:dev/usb/lp0                | not an absolute device path",
        "serial:/dev/ttyUSB0?baud=fast   | baud 'fast' is not a number",
        "serial:/dev/ttyUSB0?baud=10     | baud '10' is not a number in 1200..921600",
        "serial:/dev/ttyUSB0?parity=even | unknown parameter 'parity=even'",
        "tcp://printer:0                 | port '0' is not a number in 1..65535",
        "tcp://printer:http              | port 'http'",
        "tcp://:9100                     | has no host",
    })
    void rejectsBadSettingsNamingTheProblem(String spec, String problem) {
        PrinterException e = assertThrows(PrinterException.class, () -> PrinterConfig.parse(spec));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void fileLinkWritesTheJobAndSilenceIsUnknown(@TempDir Path dir) throws Exception {
        Path lp = dir.resolve("lp0");
        Files.createFile(lp);
        PrinterConfig config = PrinterConfig.parse("file:" + lp).withStatusTimeout(Duration.ofMillis(100));
        try (ReceiptPrinter printer = ReceiptPrinter.of(config)) {
            printer.print(SampleReceipts.sample());
            assertEquals(PrinterStatus.State.UNKNOWN, printer.status().state());
        }
        byte[] job = new EscPosRenderer().render(SampleReceipts.sample());
        byte[] expected = java.util.Arrays.copyOf(job, job.length + 3);
        System.arraycopy(EscPos.statusRequest(2), 0, expected, job.length, 3); // asked once, no answer
        assertArrayEquals(expected, Files.readAllBytes(lp));
    }

    @Test
    void missingDeviceFileFailsTheJobNamingThePrinter() {
        try (ReceiptPrinter printer = ReceiptPrinter.of(PrinterConfig.parse("file:/nonexistent/lp9"))) {
            PrinterException e = assertThrows(PrinterException.class, () -> printer.print(SampleReceipts.sample()));
            assertTrue(e.getMessage().contains("file:/nonexistent/lp9"), e.getMessage());
            assertEquals(PrinterStatus.State.OFFLINE, printer.status().state());
        }
    }
}
