package org.jinban.devices.idcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.jinban.devices.testing.PtyPair;
import org.jinban.devices.serial.JSerialCommLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@link JSerialCommLink} on one end of a socat pseudo-terminal pair, the simulator on
 * the other: the same bytes a USB-serial SAM would see, without the hardware.
 */
class IdCardReaderSocatIT {

    @TempDir
    Path dir;
    private PtyPair pty;
    private IdCardSimulator sam;
    private IdCardReader reader;

    @AfterEach
    void cleanUp() {
        if (reader != null) {
            reader.close();
        }
        if (sam != null) {
            sam.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void readsACardOverAPtyAndNoticesThePortGoing() throws Exception {
        pty = PtyPair.open(dir);
        Path a = pty.a;
        Path b = pty.b;

        IdCardConfig config = new IdCardConfig(a.toString(), 115_200, Duration.ofMillis(500), 2);
        sam = new IdCardSimulator(JSerialCommLink.open(b.toString(), 115_200)).start();
        reader = new IdCardReader(JSerialCommLink.open(config.port(), config.baudRate()), config);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals(new IdCardEvent.NoChange(false), reader.poll());
            sam.placeCard(IdCardSamples.testSample());
            IdCardEvent.CardRead read = assertInstanceOf(IdCardEvent.CardRead.class, reader.poll());
            assertEquals(IdCardSamples.testSample(), read.record());
            sam.removeCard();
            assertEquals(new IdCardEvent.CardRemoved(), reader.poll());
        });

        // SIGKILL: socat cannot remove its links, so the link itself must notice the dead pty.
        pty.kill();
        long start = System.nanoTime();
        IdCardEvent after = assertTimeoutPreemptively(Duration.ofSeconds(5), reader::poll);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        IdCardEvent.ReaderFault fault = assertInstanceOf(IdCardEvent.ReaderFault.class, after);
        assertEquals(IdCardException.Kind.PORT_GONE, fault.error().kind(), fault.error().getMessage());
        assertTrue(tookMs < 2_000, "port loss noticed after " + tookMs + " ms");
    }
}
