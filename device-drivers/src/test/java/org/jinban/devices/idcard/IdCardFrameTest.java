package org.jinban.devices.idcard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdCardFrameTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void commandFramesAreTheDocumentedBytes() {
        assertEquals("aaaaaa966900032001" + "22", HEX.formatHex(IdCardCommand.FIND_CARD.frame()));
        assertEquals("aaaaaa966900032002" + "21", HEX.formatHex(IdCardCommand.SELECT_CARD.frame()));
        assertEquals("aaaaaa966900033001" + "32", HEX.formatHex(IdCardCommand.READ_TEXT_AND_PHOTO.frame()));
    }

    @Test
    void replyStatusIsByteNine() {
        byte[] reply = IdCardSimulator.replyFrame(IdCardStatus.CARD_FOUND, new byte[0]);
        assertEquals((byte) 0x9F, reply[9]);
        assertEquals(4, ((reply[5] & 0xFF) << 8) | (reply[6] & 0xFF));
    }

    @Test
    void roundTripsAFullReadReply() {
        byte[] wire = IdCardSimulator.replyFrame(IdCardStatus.OK, IdCardSimulator.readData(IdCardSamples.testSample()));
        IdCardFrame frame = decodeOne(wire);
        assertEquals((byte) 0x90, frame.sw3());
        assertArrayEquals(wire, frame.encode());
        assertEquals(4 + 256 + 1024, frame.replyData().length);
    }

    @Test
    void decodesByteByByte() {
        byte[] wire = IdCardCommand.SELECT_CARD.frame();
        IdCardFrameDecoder d = new IdCardFrameDecoder("test");
        for (int i = 0; i < wire.length - 1; i++) {
            d.feed(wire, i, 1);
            assertEquals(Optional.empty(), d.next(), "after byte " + i);
        }
        d.feed(wire, wire.length - 1, 1);
        assertArrayEquals(new byte[] {0x20, 0x02}, d.next().orElseThrow().payload());
    }

    @Test
    void skipsGarbageAndFalsePreamblesBeforeAFrame() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(new byte[] {0x00, (byte) 0xAA, (byte) 0xAA, 0x13, (byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x96});
        s.writeBytes(IdCardCommand.FIND_CARD.frame());
        assertArrayEquals(new byte[] {0x20, 0x01}, decodeOne(s.toByteArray()).payload());
    }

    @Test
    void extraPreambleByteBeforeFrameStillDecodes() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(0xAA);
        s.writeBytes(IdCardCommand.FIND_CARD.frame());
        assertArrayEquals(new byte[] {0x20, 0x01}, decodeOne(s.toByteArray()).payload());
    }

    @Test
    void twoFramesInOneChunk() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(IdCardCommand.FIND_CARD.frame());
        s.writeBytes(IdCardCommand.SELECT_CARD.frame());
        IdCardFrameDecoder d = new IdCardFrameDecoder("test");
        d.feed(s.toByteArray(), 0, s.size());
        assertArrayEquals(new byte[] {0x20, 0x01}, d.next().orElseThrow().payload());
        assertArrayEquals(new byte[] {0x20, 0x02}, d.next().orElseThrow().payload());
        assertEquals(Optional.empty(), d.next());
    }

    @Test
    void badChecksumIsTypedShowsBytesAndDecoderResyncs() {
        byte[] bad = IdCardCommand.FIND_CARD.frame();
        bad[bad.length - 1] ^= 1;
        IdCardFrameDecoder d = new IdCardFrameDecoder("ttyTEST");
        d.feed(bad, 0, bad.length);
        byte[] good = IdCardCommand.SELECT_CARD.frame();
        d.feed(good, 0, good.length);
        IdCardException e = assertThrows(IdCardException.class, d::next);
        assertEquals(IdCardException.Kind.BAD_CHECKSUM, e.kind());
        assertTrue(e.getMessage().contains("ttyTEST"), e.getMessage());
        assertTrue(e.getMessage().contains("aa aa aa 96 69 00 03"), e.getMessage());
        assertArrayEquals(new byte[] {0x20, 0x02}, d.next().orElseThrow().payload());
    }

    @Test
    void lyingLengthFailsAtOnceInsteadOfWaiting() {
        byte[] header = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x96, 0x69, (byte) 0xFF, (byte) 0xFF};
        IdCardFrameDecoder d = new IdCardFrameDecoder("test");
        d.feed(header, 0, header.length);
        IdCardException e = assertThrows(IdCardException.class, d::next);
        assertEquals(IdCardException.Kind.BAD_LENGTH, e.kind());
        assertTrue(e.getMessage().contains("65535"), e.getMessage());
    }

    @Test
    void tooShortLengthIsRejected() {
        byte[] header = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x96, 0x69, 0, 1, 1};
        IdCardFrameDecoder d = new IdCardFrameDecoder("test");
        d.feed(header, 0, header.length);
        assertEquals(IdCardException.Kind.BAD_LENGTH, assertThrows(IdCardException.class, d::next).kind());
    }

    @Test
    void longNoiseDoesNotGrowTheBuffer() {
        IdCardFrameDecoder d = new IdCardFrameDecoder("test");
        byte[] noise = new byte[100_000];
        d.feed(noise, 0, noise.length);
        assertEquals(Optional.empty(), d.next());
        assertTrue(d.buffered() <= IdCardFrame.MAX_FRAME * 2);
    }

    @Test
    void frameToStringDoesNotShowReadData() {
        IdCardFrame f = decodeOne(IdCardSimulator.replyFrame(IdCardStatus.OK,
                IdCardSimulator.readData(IdCardSamples.testSample())));
        assertTrue(f.toString().length() < 120, f.toString());
    }

    private static IdCardFrame decodeOne(byte[] wire) {
        IdCardFrameDecoder d = new IdCardFrameDecoder("test");
        d.feed(wire, 0, wire.length);
        return d.next().orElseThrow();
    }
}
