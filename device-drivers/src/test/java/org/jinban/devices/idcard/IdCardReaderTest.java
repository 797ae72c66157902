package org.jinban.devices.idcard;

import org.jinban.devices.serial.MemoryLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdCardReaderTest {

    private static final Duration STEP = Duration.ofMillis(100);

    private final MemoryLink[] links = MemoryLink.pair();
    private final IdCardSimulator sam = new IdCardSimulator(links[1]).start();

    @AfterEach
    void stop() {
        sam.close();
        links[0].close();
    }

    private IdCardReader reader(int retries) {
        return new IdCardReader(links[0], new IdCardConfig("mem", 115200, STEP, retries));
    }

    @Test
    void readsAPlacedCard() {
        sam.placeCard(IdCardSamples.testSample());
        assertEquals(Optional.of(IdCardSamples.testSample()), reader(0).read());
        assertEquals(3, sam.commandsReceived());
    }

    @Test
    void noCardIsAnEmptyOutcome() {
        assertEquals(Optional.empty(), reader(0).read());
        assertEquals(1, sam.commandsReceived());
    }

    @Test
    void pollReadsOnceThenWatchesAndReportsRemoval() {
        IdCardReader r = reader(1);
        assertEquals(new IdCardEvent.NoChange(false), r.poll());
        sam.placeCard(IdCardSamples.longTermSample());
        IdCardEvent.CardRead read = assertInstanceOf(IdCardEvent.CardRead.class, r.poll());
        assertEquals(IdCardSamples.longTermSample(), read.record());
        int afterRead = sam.commandsReceived();
        assertEquals(new IdCardEvent.NoChange(true), r.poll());
        assertEquals(afterRead + 1, sam.commandsReceived(), "a present card is only re-found, not re-read");
        sam.removeCard();
        assertEquals(new IdCardEvent.CardRemoved(), r.poll());
        assertEquals(new IdCardEvent.NoChange(false), r.poll());
        sam.placeCard(IdCardSamples.testSample());
        assertInstanceOf(IdCardEvent.CardRead.class, r.poll());
    }

    @ParameterizedTest
    @CsvSource({
        "FIND_CARD, SELECT_FAILED, SELECT_FAILED",
        "FIND_CARD, READ_FAILED, READ_FAILED",
        "FIND_CARD, HOST_CHECKSUM, SAM_CHECKSUM",
        "FIND_CARD, HOST_LENGTH, SAM_LENGTH",
        "FIND_CARD, BAD_COMMAND, SAM_BAD_COMMAND",
        "SELECT_CARD, SELECT_FAILED, SELECT_FAILED",
        "SELECT_CARD, NO_CARD, NO_CARD",
        "READ_TEXT_AND_PHOTO, READ_FAILED, READ_FAILED",
        "READ_TEXT_AND_PHOTO, HOST_LENGTH, SAM_LENGTH"})
    void everyStatusWordBecomesItsTypedError(IdCardCommand step, IdCardStatus status, IdCardException.Kind kind) {
        sam.placeCard(IdCardSamples.testSample());
        sam.answerNext(step, status);
        IdCardException e = assertThrows(IdCardException.class, () -> reader(0).read());
        assertEquals(kind, e.kind());
        assertTrue(e.getMessage().contains("mem-host"), e.getMessage());
        assertTrue(e.getMessage().contains(String.format("%02x", status.code())), e.getMessage());
    }

    @Test
    void noCardStatusOnFindIsNotAnError() {
        sam.placeCard(IdCardSamples.testSample());
        sam.answerNext(IdCardCommand.FIND_CARD, IdCardStatus.NO_CARD);
        assertEquals(Optional.empty(), reader(0).read());
    }

    @Test
    void samChecksumComplaintIsRetried() {
        sam.placeCard(IdCardSamples.testSample());
        sam.answerNext(IdCardCommand.READ_TEXT_AND_PHOTO, IdCardStatus.HOST_CHECKSUM);
        assertEquals(Optional.of(IdCardSamples.testSample()), reader(1).read());
    }

    @Test
    void corruptedReplyIsRetried() {
        sam.placeCard(IdCardSamples.testSample());
        sam.corruptNextReply();
        assertEquals(Optional.of(IdCardSamples.testSample()), reader(1).read());
        assertEquals(4, sam.commandsReceived());
    }

    @Test
    void corruptedReplyWithoutRetriesIsBadChecksum() {
        sam.placeCard(IdCardSamples.testSample());
        sam.corruptNextReply();
        assertEquals(IdCardException.Kind.BAD_CHECKSUM,
                assertThrows(IdCardException.class, () -> reader(0).read()).kind());
    }

    @Test
    void droppedReplyTimesOutThenRetrySucceeds() {
        sam.placeCard(IdCardSamples.testSample());
        sam.dropNextReplies(1);
        long start = System.nanoTime();
        assertEquals(Optional.of(IdCardSamples.testSample()), reader(2).read());
        assertTrue(System.nanoTime() - start >= STEP.toNanos(), "waited one step timeout");
    }

    @Test
    void silentSamIsABoundedTimeoutFault() {
        sam.dropNextReplies(100);
        IdCardReader r = reader(2);
        IdCardEvent e = assertTimeoutPreemptively(Duration.ofSeconds(2), r::poll);
        IdCardEvent.ReaderFault fault = assertInstanceOf(IdCardEvent.ReaderFault.class, e);
        assertEquals(IdCardException.Kind.TIMEOUT, fault.error().kind());
        assertEquals(3, sam.commandsReceived(), "one try plus two retries");
    }

    @Test
    void unreadableCardIsItsOwnEvent() {
        sam.placeCard(IdCardSamples.testSample());
        sam.answerNext(IdCardCommand.READ_TEXT_AND_PHOTO, IdCardStatus.READ_FAILED);
        IdCardEvent.CardUnreadable e = assertInstanceOf(IdCardEvent.CardUnreadable.class, reader(0).poll());
        assertEquals(IdCardException.Kind.READ_FAILED, e.error().kind());
    }

    @Test
    void unknownStatusIsMalformedAndDoesNotLeakData() throws Exception {
        // Answered by hand: the simulator only sends defined status words.
        MemoryLink[] fresh = MemoryLink.pair();
        IdCardReader manual = new IdCardReader(fresh[0], new IdCardConfig("mem", 115200, STEP, 0));
        byte[] payload = new byte[3 + 20];
        payload[2] = 0x55;
        System.arraycopy("测试样例".getBytes(java.nio.charset.StandardCharsets.UTF_16LE), 0, payload, 3, 8);
        Thread answer = Thread.ofVirtual().start(() -> {
            try {
                byte[] buf = new byte[64];
                while (fresh[1].read(buf, 50) == 0) {
                    // wait for the find command
                }
                fresh[1].write(IdCardFrame.encode(payload));
                Thread.sleep(200); // keep the writing thread alive while the reader reads the pipe
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        IdCardException e = assertThrows(IdCardException.class, manual::read);
        answer.join();
        assertEquals(IdCardException.Kind.MALFORMED_REPLY, e.kind());
        assertTrue(e.getMessage().contains("55"), e.getMessage());
        assertTrue(!e.getMessage().contains("4b 6d"), e.getMessage()); // 测 in UTF-16LE
    }

    @Test
    void closedPortIsPortGone() {
        IdCardReader r = reader(2);
        links[1].close();
        IdCardEvent.ReaderFault f = assertInstanceOf(IdCardEvent.ReaderFault.class,
                assertTimeoutPreemptively(Duration.ofSeconds(2), r::poll));
        assertEquals(IdCardException.Kind.PORT_GONE, f.error().kind());
    }

    @Test
    void staleReplyFromATimedOutCommandIsDiscarded() throws Exception {
        // A late "no card" reply sitting in the line must not answer the next find.
        sam.placeCard(IdCardSamples.testSample());
        links[1].write(IdCardSimulator.replyFrame(IdCardStatus.NO_CARD, new byte[0]));
        Thread.sleep(20);
        assertEquals(Optional.of(IdCardSamples.testSample()), reader(0).read());
    }
}
