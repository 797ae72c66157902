package org.jinban.sync.hub;

import java.util.ArrayDeque;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's outgoing frames, sent one at a time (Jetty allows one outstanding send) in the
 * order they were queued; a close is queued like a frame, so an {@code error} goes out before
 * the close it explains. Nothing is queued after a close.
 */
final class Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);

    private record Item(String frame, int closeCode, String closeReason) {
    }

    private final Session session;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closing;

    Outbound(Session session) {
        this.session = session;
    }

    synchronized void send(String frame) {
        if (closing) {
            return;
        }
        queue.add(new Item(frame, 0, null));
        pump();
    }

    /** Closes after the frames already queued have gone out. */
    synchronized void close(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        queue.add(new Item(null, code, reason));
        pump();
    }

    synchronized boolean isClosing() {
        return closing;
    }

    private void pump() {
        if (sending || queue.isEmpty()) {
            return;
        }
        Item next = queue.poll();
        sending = true;
        if (next.frame() == null) {
            session.close(next.closeCode(), next.closeReason(), Callback.NOOP);
            return;
        }
        session.sendText(next.frame(), Callback.from(this::sent, this::failed));
    }

    private synchronized void sent() {
        sending = false;
        pump();
    }

    private synchronized void failed(Throwable t) {
        LOG.debug("a send failed, dropping {} queued frames: {}", queue.size(), t.toString());
        queue.clear();
        closing = true;
        sending = false;
    }
}
