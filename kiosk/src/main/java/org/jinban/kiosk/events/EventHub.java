package org.jinban.kiosk.events;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Fans events out to every open page. Each subscriber has a bounded queue: a page that stops
 * reading loses its oldest events instead of growing the kiosk's memory.
 */
public final class EventHub {
    static final int QUEUE = 64;

    private final Set<BlockingQueue<KioskEvent>> subscribers = new CopyOnWriteArraySet<>();

    public void publish(KioskEvent event) {
        for (BlockingQueue<KioskEvent> queue : subscribers) {
            while (!queue.offer(event)) {
                queue.poll();
            }
        }
    }

    BlockingQueue<KioskEvent> subscribe() {
        BlockingQueue<KioskEvent> queue = new ArrayBlockingQueue<>(QUEUE);
        subscribers.add(queue);
        return queue;
    }

    void unsubscribe(BlockingQueue<KioskEvent> queue) {
        subscribers.remove(queue);
    }

    public int subscribers() {
        return subscribers.size();
    }
}
