package org.jinban.kiosk.events;

import java.util.Map;

/**
 * Something the page should know at once: a code scanned, someone arrived, help pressed, a
 * device changed state. {@code data} holds only what the page needs; never a resident's
 * identity.
 *
 * @param type the SSE event name: {@code scan}, {@code presence}, {@code help}, {@code device}
 */
public record KioskEvent(String type, Map<String, Object> data) {
    public KioskEvent {
        data = Map.copyOf(data);
    }
}
