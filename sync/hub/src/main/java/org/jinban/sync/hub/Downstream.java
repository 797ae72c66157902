package org.jinban.sync.hub;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jinban.sync.protocol.Codec;
import org.jinban.sync.protocol.Deliver;
import org.jinban.sync.protocol.ErrorCode;
import org.jinban.sync.protocol.Message;
import org.jinban.sync.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's downstream streams: the kiosk's cursor per stream, and at most one
 * {@code deliver} in flight per stream. The kiosk answers each deliver with its cursor; only
 * then does the next batch go, so a kiosk that skipped items (out of order) is resent from its
 * cursor instead of being flooded with batches it will ignore. Used from one thread at a time.
 */
final class Downstream {
    private static final Logger LOG = LoggerFactory.getLogger(Downstream.class);

    private final HubStore store;
    private final Codec codec;
    private final String kioskId;
    private final int maxBatch;
    private final Consumer<String> send;
    private final Runnable cursorLost;
    private final Map<String, Long> cursors = new HashMap<>();
    /** The last seq sent per stream and not yet confirmed by a cursor. */
    private final Map<String, Long> inFlight = new HashMap<>();

    /**
     * @param cursorLost called when retention deleted the items that follow a kiosk's cursor while
     *                   it was connected: only a new hello can put the stream in {@code resync}
     */
    Downstream(HubStore store, Codec codec, String kioskId, int maxBatch, Consumer<String> send, Runnable cursorLost) {
        this.store = store;
        this.codec = codec;
        this.kioskId = kioskId;
        this.maxBatch = maxBatch;
        this.send = send;
        this.cursorLost = cursorLost;
    }

    /** The kiosk's cursor from hello (or 0 for a stream it must take again). */
    void start(String stream, long cursor) {
        cursors.put(stream, cursor);
        store.saveCursor(kioskId, stream, cursor);
    }

    /** The kiosk's {@code cursor} answer; sends what follows it. */
    void cursor(String stream, long seq) {
        cursors.put(stream, seq);
        store.saveCursor(kioskId, stream, seq);
        inFlight.remove(stream);
        sendPending(stream);
    }

    /** Sends the next batch of {@code stream} after the kiosk's cursor, unless one is in flight. */
    void sendPending(String stream) {
        if (inFlight.containsKey(stream)) {
            return;
        }
        long cursor = cursors.getOrDefault(stream, 0L);
        List<Deliver.Item> items = store.itemsAfter(kioskId, stream, cursor, maxBatch);
        if (!items.isEmpty() && items.getFirst().seq() != cursor + 1) {
            // The kiosk would ignore these as out of order and answer its cursor, for ever.
            LOG.warn("kiosk {}: {} items after its cursor {} were deleted by retention; it must resync",
                    kioskId, stream, cursor);
            cursorLost.run();
            return;
        }
        while (!items.isEmpty()) {
            try {
                send.accept(codec.encode(new Deliver(Message.newId(), stream, items)));
                inFlight.put(stream, items.getLast().seq());
                return;
            } catch (ProtocolException e) {
                if (e.code() != ErrorCode.TOO_LARGE || items.size() == 1) {
                    LOG.error("kiosk {}: {} item {} cannot be sent ({}); the stream waits for an operator",
                            kioskId, stream, items.getFirst().seq(), e.getMessage());
                    return;
                }
                items = items.subList(0, items.size() / 2);
            }
        }
    }
}
