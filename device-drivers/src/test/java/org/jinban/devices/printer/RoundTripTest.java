package org.jinban.devices.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTripTest {

    @Test
    void simulatorRebuildsTextAndQrPayload() {
        PrinterSimulator sim = new PrinterSimulator("sim");
        sim.receive(new EscPosRenderer().render(SampleReceipts.sample()));

        assertEquals(1, sim.receipts().size());
        PrintedReceipt job = sim.receipts().getFirst();
        assertEquals(List.of(SampleReceipts.TITLE, "-".repeat(48), SampleReceipts.TRACKING, SampleReceipts.MATTER,
                "时间：2026-11-23 09:41", SampleReceipts.FOOTER), job.textLines());
        assertEquals(List.of(SampleReceipts.QR_PAYLOAD), job.qrPayloads());
        assertTrue(job.isCut());
        Receipt.Text title = (Receipt.Text) job.blocks().getFirst();
        assertEquals(Receipt.Align.CENTER, title.align());
        assertTrue(title.bold());
    }

    @Test
    void rebuildsTheSameWhenBytesArriveOneAtATime() {
        byte[] job = new EscPosRenderer().render(SampleReceipts.sample());
        PrinterSimulator sim = new PrinterSimulator("sim");
        for (int i = 0; i < job.length; i++) {
            sim.receive(job, i, 1);
        }
        assertEquals(List.of(SampleReceipts.QR_PAYLOAD), sim.receipts().getFirst().qrPayloads());
        assertEquals(SampleReceipts.TITLE, sim.receipts().getFirst().textLines().getFirst());
    }

    @Test
    void rebuiltReceiptRendersToTheSameBytes() {
        Receipt original = Receipt.builder().text("标题", Receipt.Align.CENTER, true, true).text("plain ascii")
                .qr("https://jinban.example/a?t=寿光-0001", 5, Receipt.QrLevel.Q).feed(2).cut().build();
        EscPosRenderer renderer = new EscPosRenderer();
        PrinterSimulator sim = new PrinterSimulator("sim");
        sim.receive(renderer.render(original));
        assertEquals(original, sim.receipts().getFirst().toReceipt());
    }

    @Test
    void oversizedQrLengthIsATypedError() {
        PrinterSimulator sim = new PrinterSimulator("sim-7", 1000);
        byte[] bad = {0x1D, 0x28, 0x6B, (byte) 0xE9, 0x03}; // declares 1001 bytes
        MalformedEscPosException e = assertThrows(MalformedEscPosException.class, () -> sim.receive(bad));
        assertTrue(e.getMessage().contains("sim-7"), e.getMessage());
        assertTrue(e.getMessage().contains("1D 28 6B E9 03"), e.getMessage());
        // the parser resynchronises: what follows still prints
        sim.receive("after\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(List.of("after"), sim.lastJob().orElseThrow().textLines());
    }

    @Test
    void answersStatusFromItsState() {
        PrinterSimulator sim = new PrinterSimulator("sim").coverOpen(true).paperNearEnd(true);
        sim.receive(new byte[] {0x10, 0x04, 0x02, 0x10, 0x04, 0x04});
        assertEquals("16 1E", EscPos.hex(sim.takeReplies(), 8));
        sim.answersStatus(false);
        sim.receive(new byte[] {0x10, 0x04, 0x02});
        assertEquals(0, sim.takeReplies().length);
    }
}
