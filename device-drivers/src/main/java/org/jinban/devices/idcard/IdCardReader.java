package org.jinban.devices.idcard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jinban.devices.serial.SerialLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a GA/T 467 SAM: find → select → read, each step bounded by the configured timeout and
 * retried a few times when the line garbles or drops a reply. Not thread-safe: one poll thread
 * owns a reader.
 */
public final class IdCardReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdCardReader.class);
    /** Worth another attempt: the line or the SAM hiccuped, the card is not the problem. */
    private static final Set<IdCardException.Kind> TRANSIENT = EnumSet.of(
            IdCardException.Kind.TIMEOUT, IdCardException.Kind.BAD_CHECKSUM,
            IdCardException.Kind.BAD_LENGTH, IdCardException.Kind.SAM_CHECKSUM,
            IdCardException.Kind.SAM_LENGTH);
    /** The card, not the reader, is at fault: the resident should place it again. */
    private static final Set<IdCardException.Kind> CARD_PROBLEM = EnumSet.of(
            IdCardException.Kind.SELECT_FAILED, IdCardException.Kind.READ_FAILED,
            IdCardException.Kind.MALFORMED_TEXT, IdCardException.Kind.BAD_ID_NUMBER);

    private final SerialLink link;
    private final IdCardConfig config;
    private final String device;
    private final IdCardFrameDecoder decoder;
    private final byte[] rx = new byte[IdCardFrame.MAX_FRAME];
    private boolean cardPresent;

    public IdCardReader(SerialLink link, IdCardConfig config) {
        this.link = link;
        this.config = config;
        this.device = "idcard reader " + link.name();
        this.decoder = new IdCardFrameDecoder(device);
    }

    /**
     * One find → select → read cycle.
     *
     * @return the card, or empty when no card is on the reader
     * @throws IdCardException for anything else
     */
    public Optional<IdCardRecord> read() {
        try {
            exchange(IdCardCommand.FIND_CARD);
        } catch (IdCardException e) {
            if (e.kind() == IdCardException.Kind.NO_CARD) {
                return Optional.empty();
            }
            throw e;
        }
        exchange(IdCardCommand.SELECT_CARD);
        return Optional.of(parseRead(exchange(IdCardCommand.READ_TEXT_AND_PHOTO)));
    }

    /**
     * Call every few hundred milliseconds. Reads a newly placed card once; while it stays,
     * only checks that it is still there, and reports its removal.
     */
    public IdCardEvent poll() {
        try {
            if (!cardPresent) {
                Optional<IdCardRecord> card = read();
                cardPresent = card.isPresent();
                return card.<IdCardEvent>map(IdCardEvent.CardRead::new)
                        .orElseGet(() -> new IdCardEvent.NoChange(false));
            }
            if (stillThere()) {
                return new IdCardEvent.NoChange(true);
            }
            cardPresent = false;
            LOG.debug("{}: card removed", device);
            return new IdCardEvent.CardRemoved();
        } catch (IdCardException e) {
            if (CARD_PROBLEM.contains(e.kind())) {
                LOG.info("card unreadable: {}", e.getMessage());
                return new IdCardEvent.CardUnreadable(e);
            }
            LOG.warn("{}", e.getMessage());
            return new IdCardEvent.ReaderFault(e);
        }
    }

    public boolean cardPresent() {
        return cardPresent;
    }

    private boolean stillThere() {
        try {
            exchange(IdCardCommand.FIND_CARD);
            return true;
        } catch (IdCardException e) {
            if (e.kind() == IdCardException.Kind.NO_CARD) {
                return false;
            }
            throw e;
        }
    }

    /** Sends a command and returns its successful reply, retrying transient failures. */
    private IdCardFrame exchange(IdCardCommand command) {
        IdCardException last = null;
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            try {
                return checkStatus(command, sendAndAwait(command));
            } catch (IdCardException e) {
                if (!TRANSIENT.contains(e.kind())) {
                    throw e;
                }
                LOG.debug("{} attempt {} failed: {}", command, attempt + 1, e.getMessage());
                last = e;
            }
        }
        throw last;
    }

    private IdCardFrame checkStatus(IdCardCommand command, IdCardFrame reply) {
        if (!reply.isReply()) {
            throw new IdCardException(IdCardException.Kind.MALFORMED_REPLY,
                    device + ": " + command + " reply too short: " + IdCardException.hex(reply.encode()));
        }
        byte sw3 = reply.sw3();
        IdCardStatus status = IdCardStatus.of(sw3).orElseThrow(() -> new IdCardException(
                IdCardException.Kind.MALFORMED_REPLY, String.format("%s: %s reply has unknown status %02x: %s",
                        device, command, sw3, statusBytes(reply))));
        if (status.isSuccess()) {
            return reply;
        }
        IdCardException.Kind kind = status.failure().orElseThrow();
        throw new IdCardException(kind, String.format("%s: %s answered %s (SW3 %02x), sent %s",
                device, command, status, sw3, IdCardException.hex(command.frame())));
    }

    /** Preamble, LEN and SW1-3 only: whatever follows may be a resident's data. */
    private static String statusBytes(IdCardFrame reply) {
        byte[] wire = reply.encode();
        return IdCardException.hex(wire, 0, Math.min(IdCardFrame.HEADER + 3, wire.length));
    }

    private IdCardFrame sendAndAwait(IdCardCommand command) {
        try {
            drainStale();
            link.write(command.frame());
            long deadline = System.nanoTime() + config.stepTimeout().toNanos();
            while (true) {
                Optional<IdCardFrame> frame = decoder.next();
                if (frame.isPresent()) {
                    return frame.get();
                }
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    throw new IdCardException(IdCardException.Kind.TIMEOUT, String.format(
                            "%s: no complete reply to %s within %d ms, %d bytes buffered",
                            device, command, config.stepTimeout().toMillis(), decoder.buffered()));
                }
                int n = link.read(rx, (int) Math.min(leftMs, Integer.MAX_VALUE));
                decoder.feed(rx, 0, n);
            }
        } catch (IOException e) {
            throw new IdCardException(IdCardException.Kind.PORT_GONE,
                    device + ": port gone during " + command + ": " + e.getMessage(), e);
        }
    }

    /** A reply that came after its command timed out must not answer the next command. */
    private void drainStale() throws IOException {
        decoder.reset();
        for (int i = 0; i < 8 && link.read(rx, 1) > 0; i++) {
            // discard
        }
    }

    private IdCardRecord parseRead(IdCardFrame reply) {
        ByteBuffer data = ByteBuffer.wrap(reply.replyData());
        if (data.remaining() < 4) {
            throw malformedRead(reply, "no length fields");
        }
        int textLen = data.getShort() & 0xFFFF;
        int photoLen = data.getShort() & 0xFFFF;
        if (textLen != IdCardTextBlock.SIZE || textLen + photoLen != data.remaining()) {
            throw malformedRead(reply, "text " + textLen + " + photo " + photoLen
                    + " bytes announced, " + data.remaining() + " present");
        }
        byte[] all = reply.replyData();
        byte[] text = Arrays.copyOfRange(all, 4, 4 + textLen);
        byte[] photo = Arrays.copyOfRange(all, 4 + textLen, all.length);
        return IdCardTextBlock.decode(text, photo);
    }

    private IdCardException malformedRead(IdCardFrame reply, String why) {
        // Header only: the rest of a read reply is personal data.
        return new IdCardException(IdCardException.Kind.MALFORMED_TEXT, device + ": read reply " + why
                + ", starts " + IdCardException.hex(reply.encode(), 0, Math.min(14, reply.encode().length)));
    }

    @Override
    public void close() {
        link.close();
    }
}
