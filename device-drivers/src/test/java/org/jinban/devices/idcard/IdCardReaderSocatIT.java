package org.jinban.devices.idcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jinban.devices.serial.JSerialCommLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@link JSerialCommLink} on one end of a socat pseudo-terminal pair, the simulator on
 * the other: the same bytes a USB-serial SAM would see, without the hardware.
 */
class IdCardReaderSocatIT {

    private static final Path SOCAT = Path.of("/usr/bin/socat");

    @TempDir
    Path dir;
    private Process socat;
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
        if (socat != null) {
            socat.destroyForcibly();
        }
    }

    @Test
    void readsACardOverAPtyAndNoticesThePortGoing() throws Exception {
        if (!Files.isExecutable(SOCAT)) {
            fail("socat not found at " + SOCAT + ": sudo apt-get install socat");
        }
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        socat = new ProcessBuilder(SOCAT.toString(), "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        awaitLinks(a, b);

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
        socat.destroyForcibly();
        assertTrue(socat.waitFor(2, TimeUnit.SECONDS), "socat did not stop");
        long start = System.nanoTime();
        IdCardEvent after = assertTimeoutPreemptively(Duration.ofSeconds(5), reader::poll);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        IdCardEvent.ReaderFault fault = assertInstanceOf(IdCardEvent.ReaderFault.class, after);
        assertEquals(IdCardException.Kind.PORT_GONE, fault.error().kind(), fault.error().getMessage());
        assertTrue(tookMs < 2_000, "port loss noticed after " + tookMs + " ms");
    }

    private static void awaitLinks(Path a, Path b) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline) {
                fail("socat did not create " + a + " and " + b + " within 5 s");
            }
            Thread.sleep(20);
        }
    }
}
