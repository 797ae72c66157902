package org.jinban.devices.idcard;

import org.jinban.devices.serial.MemoryLink;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator's answers to frames the reader itself never sends. */
class IdCardSimulatorTest {

    private final MemoryLink[] links = MemoryLink.pair();
    private final IdCardSimulator sam = new IdCardSimulator(links[1]).start();

    @AfterEach
    void stop() {
        sam.close();
    }

    @Test
    void hostChecksumErrorIsAnsweredWithSw3Ten() throws IOException {
        byte[] frame = IdCardCommand.FIND_CARD.frame();
        frame[frame.length - 1] ^= 0x01;
        assertEquals((byte) 0x10, exchange(frame).sw3());
    }

    @Test
    void hostLengthErrorIsAnsweredWithSw3Eleven() throws IOException {
        byte[] frame = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x96, 0x69, 0x7F, 0x7F, 0, 0};
        assertEquals((byte) 0x11, exchange(frame).sw3());
    }

    @Test
    void unknownCommandIsAnsweredWithSw3TwentyOne() throws IOException {
        assertEquals((byte) 0x21, exchange(IdCardFrame.encode(new byte[] {0x12, (byte) 0xFF})).sw3());
    }

    @Test
    void readWithoutCardFails() throws IOException {
        assertEquals((byte) 0x41, exchange(IdCardCommand.READ_TEXT_AND_PHOTO.frame()).sw3());
        assertEquals((byte) 0x81, exchange(IdCardCommand.SELECT_CARD.frame()).sw3());
        assertEquals((byte) 0x80, exchange(IdCardCommand.FIND_CARD.frame()).sw3());
    }

    private IdCardFrame exchange(byte[] frame) throws IOException {
        links[0].write(frame);
        IdCardFrameDecoder d = new IdCardFrameDecoder("test");
        byte[] buf = new byte[2048];
        long deadline = System.currentTimeMillis() + 1000;
        while (System.currentTimeMillis() < deadline) {
            d.feed(buf, 0, links[0].read(buf, 50));
            var f = d.next();
            if (f.isPresent()) {
                return f.get();
            }
        }
        throw new AssertionError("no reply");
    }
}
