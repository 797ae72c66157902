package org.jinban.devices.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random and mutated byte streams: the simulator may only ever fail with its typed exception. */
class EscPosParserFuzzTest {

    private static final int INPUTS = 120_000;
    private static final byte[][] COMMAND_HEADS = {
        {0x1B}, {0x1D}, {0x1C}, {0x10}, {0x10, 0x04}, {0x1D, 0x28, 0x6B}, {0x1D, 0x28, 0x6B, (byte) 0xFF, (byte) 0xFF},
        {0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30}, {0x1C, 0x26}, {0x1C, 0x2E}, {0x1D, 0x56}, {0x0A},
        {0x1D, 0x28, 0x6B, 0x02, 0x00, 0x31, 0x50}, {(byte) 0x81, 0x30}, {(byte) 0x84, 0x31, (byte) 0xA4, 0x39},
    };

    @Test
    void parserNeverThrowsAnythingButItsTypedErrorAndNeverHangs() {
        byte[] valid = new EscPosRenderer().render(SampleReceipts.sample());
        int[] typedErrors = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            SplittableRandom random = new SplittableRandom(20261123L);
            for (int i = 0; i < INPUTS; i++) {
                byte[] input = i % 2 == 0 ? randomBytes(random) : mutate(valid, random);
                typedErrors[0] += feedInRandomChunks(input, random);
            }
        });
        assertTrue(typedErrors[0] > 0, "the fuzzer never produced a malformed sequence; it tests nothing");
    }

    @Test
    void unmutatedInputStillRoundTripsAfterGarbage() {
        PrinterSimulator sim = new PrinterSimulator("fuzz");
        try {
            sim.receive(new byte[] {0x1B, 0x7E, 0x1D, 0x7E, 0x10, 0x09});
        } catch (MalformedEscPosException expected) {
            assertEquals(3, expected.problems());
        }
        sim.receive(new EscPosRenderer().render(SampleReceipts.sample()));
        assertEquals(SampleReceipts.QR_PAYLOAD, sim.receipts().getLast().qrPayloads().getFirst());
    }

    private static int feedInRandomChunks(byte[] input, SplittableRandom random) {
        PrinterSimulator sim = new PrinterSimulator("fuzz", 1 + random.nextInt(4096));
        int errors = 0;
        for (int off = 0; off < input.length; ) {
            int len = Math.min(input.length - off, 1 + random.nextInt(64));
            try {
                sim.receive(input, off, len);
            } catch (MalformedEscPosException e) {
                errors++;
            }
            off += len;
        }
        sim.takeReplies();
        // what was rebuilt must always be a valid receipt again (drawable, re-renderable)
        sim.receipts().forEach(PrintedReceipt::toReceipt);
        sim.lastJob().ifPresent(job -> new EscPosRenderer().render(job.toReceipt()));
        return errors;
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] b = new byte[random.nextInt(96)];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextInt(4) == 0 ? (byte) (0x00 + random.nextInt(0x20)) : (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] mutate(byte[] valid, SplittableRandom random) {
        byte[] b = Arrays.copyOf(valid, valid.length);
        int mutations = 1 + random.nextInt(8);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(5)) {
                case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                case 1 -> b = Arrays.copyOf(b, Math.max(1, random.nextInt(b.length + 1)));
                case 2 -> b = insert(b, COMMAND_HEADS[random.nextInt(COMMAND_HEADS.length)], random);
                case 3 -> {
                    int from = random.nextInt(b.length);
                    int to = Math.min(b.length, from + random.nextInt(32));
                    b = insert(b, Arrays.copyOfRange(b, from, to), random);
                }
                default -> {
                    int at = random.nextInt(b.length);
                    b[at] = (byte) (b[at] ^ (1 << random.nextInt(8)));
                }
            }
        }
        return b;
    }

    private static byte[] insert(byte[] b, byte[] piece, SplittableRandom random) {
        int at = random.nextInt(b.length + 1);
        byte[] out = new byte[b.length + piece.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(b, at, out, at + piece.length, b.length - at);
        return out;
    }
}
