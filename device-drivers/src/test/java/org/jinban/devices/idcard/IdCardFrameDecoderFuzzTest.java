package org.jinban.devices.idcard;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated frames: only {@link IdCardException} may escape, and nothing may hang. */
class IdCardFrameDecoderFuzzTest {

    private static final int ROUNDS = 120_000;

    @Test
    void survivesRandomAndMutatedInput() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Random rnd = new Random(20_261_123L);
            byte[][] seeds = {
                IdCardCommand.FIND_CARD.frame(),
                IdCardSimulator.replyFrame(IdCardStatus.CARD_FOUND, new byte[0]),
                IdCardSimulator.replyFrame(IdCardStatus.OK, IdCardSimulator.readData(IdCardSamples.testSample())),
            };
            IdCardFrameDecoder d = new IdCardFrameDecoder("fuzz");
            int frames = 0;
            int errors = 0;
            for (int round = 0; round < ROUNDS; round++) {
                byte[] input = round % 3 == 0 ? randomBytes(rnd) : mutate(rnd, seeds[rnd.nextInt(seeds.length)]);
                if (round % 1000 == 0) {
                    d.reset();
                }
                int off = 0;
                while (off < input.length) {
                    int n = 1 + rnd.nextInt(Math.min(input.length - off, 600));
                    d.feed(input, off, n);
                    off += n;
                    for (int guard = 0; guard < 10_000; guard++) {
                        try {
                            if (d.next().isEmpty()) {
                                break;
                            }
                            frames++;
                        } catch (IdCardException e) {
                            errors++;
                        }
                    }
                }
                assertTrue(d.buffered() <= IdCardFrame.MAX_FRAME * 2);
            }
            // Decoding must still work after all that abuse.
            d.reset();
            byte[] good = IdCardCommand.SELECT_CARD.frame();
            d.feed(good, 0, good.length);
            assertTrue(d.next().isPresent());
            assertTrue(frames > 1000, "some mutated frames stay valid: " + frames);
            assertTrue(errors > 1000, "many are rejected: " + errors);
        });
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(64)];
        rnd.nextBytes(b);
        if (b.length > 8 && rnd.nextBoolean()) {
            System.arraycopy(IdCardFrame.PREAMBLE, 0, b, rnd.nextInt(b.length - 5), 5);
        }
        return b;
    }

    private static byte[] mutate(Random rnd, byte[] seed) {
        byte[] b = seed.clone();
        int kind = rnd.nextInt(5);
        switch (kind) {
            case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> { // lie about the length
                b[5] = (byte) rnd.nextInt(256);
                b[6] = (byte) rnd.nextInt(256);
            }
            case 2 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncated
            case 3 -> { // garbage in front
                byte[] g = new byte[rnd.nextInt(20)];
                rnd.nextBytes(g);
                byte[] out = new byte[g.length + b.length];
                System.arraycopy(g, 0, out, 0, g.length);
                System.arraycopy(b, 0, out, g.length, b.length);
                b = out;
            }
            default -> { } // unchanged
        }
        return b;
    }
}
