package org.jinban.kiosk.devices;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.jinban.devices.DeviceStatus;
import org.jinban.devices.idcard.IdCardConfig;
import org.jinban.devices.idcard.IdCardEvent;
import org.jinban.devices.idcard.IdCardException;
import org.jinban.devices.idcard.IdCardReader;
import org.jinban.devices.idcard.IdCardRecord;
import org.jinban.devices.serial.SerialLink;
import org.jinban.kiosk.events.EventHub;
import org.jinban.kiosk.events.KioskEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the ID-card reader on its own thread and tells the page only that a card is there
 * (or was taken away, or could not be read): never who it belongs to. The record stays here,
 * in memory, for the screen that asks for it, and is forgotten when the card is removed.
 * A reader whose port is gone is opened again every {@link #REOPEN}.
 */
final class IdCardWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IdCardWatcher.class);
    private static final Duration POLL = Duration.ofMillis(300);
    private static final Duration REOPEN = Duration.ofSeconds(1);

    private final SerialLink.Opener opener;
    private final IdCardConfig config;
    private final EventHub events;
    private final BiConsumer<String, DeviceStatus> state;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile IdCardRecord current;
    private volatile IdCardReader reader;

    IdCardWatcher(SerialLink.Opener opener, IdCardConfig config, EventHub events,
                  BiConsumer<String, DeviceStatus> state) {
        this.opener = opener;
        this.config = config;
        this.events = events;
        this.state = state;
        this.thread = new Thread(this::run, "jinban-idcard");
        this.thread.setDaemon(true);
    }

    IdCardWatcher start() {
        thread.start();
        return this;
    }

    /** The card on the reader now, for the screen that asked for it (the appeals issue). */
    Optional<IdCardRecord> current() {
        return Optional.ofNullable(current);
    }

    private void run() {
        String last = "";
        while (running) {
            try {
                reader = new IdCardReader(opener.open(), config);
            } catch (IOException e) {
                state.accept("idcard", DeviceStatus.offline(e.getMessage()));
                sleep(REOPEN);
                continue;
            }
            state.accept("idcard", DeviceStatus.ok());
            while (running) {
                IdCardEvent event = reader.poll();
                String kind = publish(event, last);
                if (event instanceof IdCardEvent.ReaderFault fault
                        && fault.error().kind() == IdCardException.Kind.PORT_GONE) {
                    forget(); // before anyone hears the reader is gone, the card's data is
                    state.accept("idcard", DeviceStatus.offline("the reader's port is gone"));
                    break;
                }
                last = kind;
                sleep(POLL);
            }
            IdCardReader r = reader;
            if (r != null) {
                r.close();
            }
            forget();
            last = "";
            sleep(REOPEN);
        }
    }

    private void forget() {
        if (current != null) {
            current = null;
            events.publish(new KioskEvent("card", Map.of("present", false)));
        }
    }

    /** Publishes what changed; returns the kind of this event, to skip repeats. */
    private String publish(IdCardEvent event, String last) {
        String kind = event.getClass().getSimpleName();
        switch (event) {
            case IdCardEvent.CardRead read -> {
                current = read.record();
                events.publish(new KioskEvent("card", Map.of("present", true, "readable", true)));
            }
            case IdCardEvent.CardRemoved removed -> {
                current = null;
                events.publish(new KioskEvent("card", Map.of("present", false)));
            }
            case IdCardEvent.CardUnreadable unreadable -> {
                if (!kind.equals(last)) {
                    events.publish(new KioskEvent("card", Map.of("present", true, "readable", false)));
                }
            }
            case IdCardEvent.ReaderFault fault -> {
                if (!kind.equals(last)) {
                    LOG.warn("idcard: {}", fault.error().getMessage());
                }
            }
            case IdCardEvent.NoChange noChange -> {
                return last;
            }
        }
        return kind;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current = null;
    }
}
