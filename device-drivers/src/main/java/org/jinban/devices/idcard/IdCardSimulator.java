package org.jinban.devices.idcard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jinban.devices.serial.SerialLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SAM's side of the line, byte for byte, so tests and the demo run the real parsing code.
 * Sits on a {@link SerialLink} (an in-memory pair, or the other end of a socat pty pair) and
 * answers find / select / read for whatever card it was told is placed. Faults are injected one
 * reply at a time so a test states exactly which exchange goes wrong.
 */
public final class IdCardSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdCardSimulator.class);
    private static final int POLL_MS = 20;

    private final SerialLink link;
    private final IdCardFrameDecoder decoder;
    private final AtomicReference<IdCardRecord> card = new AtomicReference<>();
    private final AtomicInteger corruptReplies = new AtomicInteger();
    private final AtomicInteger droppedReplies = new AtomicInteger();
    private final Map<IdCardCommand, IdCardStatus> forcedStatus = new ConcurrentHashMap<>();
    private final AtomicInteger commands = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    public IdCardSimulator(SerialLink link) {
        this.link = link;
        this.decoder = new IdCardFrameDecoder("idcard simulator " + link.name());
        this.thread = Thread.ofPlatform().daemon().name("idcard-sim-" + link.name()).unstarted(this::run);
    }

    /** Starts answering; returns this for chaining. */
    public IdCardSimulator start() {
        thread.start();
        return this;
    }

    public void placeCard(IdCardRecord record) {
        card.set(record);
    }

    public void removeCard() {
        card.set(null);
    }

    /** The next reply goes out with a wrong checksum. */
    public void corruptNextReply() {
        corruptReplies.incrementAndGet();
    }

    /** The next {@code n} commands get no reply at all (host sees a timeout). */
    public void dropNextReplies(int n) {
        droppedReplies.addAndGet(n);
    }

    /** The next reply to {@code command} carries {@code status} instead of the honest one, and no data. */
    public void answerNext(IdCardCommand command, IdCardStatus status) {
        forcedStatus.put(command, status);
    }

    /** Frames received so far, good or bad. */
    public int commandsReceived() {
        return commands.get();
    }

    /** A SAM reply frame: {@code SW1=00 SW2=00 SW3} then data. */
    public static byte[] replyFrame(IdCardStatus status, byte[] data) {
        byte[] payload = new byte[3 + data.length];
        payload[2] = status.code();
        System.arraycopy(data, 0, payload, 3, data.length);
        return IdCardFrame.encode(payload);
    }

    /** The data of a successful read reply for {@code record}: lengths, text block, photo. */
    public static byte[] readData(IdCardRecord record) {
        byte[] text = IdCardTextBlock.encode(record);
        byte[] photo = record.photo();
        return ByteBuffer.allocate(4 + text.length + photo.length)
                .putShort((short) text.length).putShort((short) photo.length)
                .put(text).put(photo).array();
    }

    private void run() {
        byte[] buf = new byte[IdCardFrame.MAX_FRAME];
        try {
            while (running) {
                int n = link.read(buf, POLL_MS);
                decoder.feed(buf, 0, n);
                answerAll();
            }
        } catch (IOException e) {
            if (running) {
                LOG.info("idcard simulator {}: link gone: {}", link.name(), e.getMessage());
            }
        }
    }

    private void answerAll() throws IOException {
        while (true) {
            byte[] reply;
            try {
                Optional<IdCardFrame> frame = decoder.next();
                if (frame.isEmpty()) {
                    return;
                }
                reply = answer(frame.get());
            } catch (IdCardException e) {
                // A real SAM tells the host what was wrong with its frame.
                reply = replyFrame(e.kind() == IdCardException.Kind.BAD_CHECKSUM
                        ? IdCardStatus.HOST_CHECKSUM : IdCardStatus.HOST_LENGTH, new byte[0]);
            }
            commands.incrementAndGet();
            send(reply);
        }
    }

    private byte[] answer(IdCardFrame frame) {
        Optional<IdCardCommand> command = IdCardCommand.of(frame.payload());
        if (command.isEmpty()) {
            return replyFrame(IdCardStatus.BAD_COMMAND, new byte[0]);
        }
        IdCardStatus forced = forcedStatus.remove(command.get());
        if (forced != null) {
            return replyFrame(forced, new byte[0]);
        }
        IdCardRecord placed = card.get();
        return switch (command.get()) {
            case FIND_CARD -> replyFrame(placed != null ? IdCardStatus.CARD_FOUND : IdCardStatus.NO_CARD, new byte[0]);
            case SELECT_CARD -> replyFrame(placed != null ? IdCardStatus.OK : IdCardStatus.SELECT_FAILED, new byte[0]);
            case READ_TEXT_AND_PHOTO -> placed != null
                    ? replyFrame(IdCardStatus.OK, readData(placed))
                    : replyFrame(IdCardStatus.READ_FAILED, new byte[0]);
        };
    }

    private void send(byte[] reply) throws IOException {
        if (takeOne(droppedReplies)) {
            return;
        }
        if (takeOne(corruptReplies)) {
            reply[reply.length - 1] ^= 0x5A;
        }
        link.write(reply);
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(c -> c > 0 ? c - 1 : 0) > 0;
    }

    /** Stops answering and closes the link. */
    @Override
    public void close() {
        running = false;
        link.close();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
