package org.jinban.kiosk.events;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;

/**
 * {@code GET /api/v1/events}: Server-Sent Events for the page. Each connection holds a
 * virtual thread that waits on its queue; a comment every 15 s keeps proxies and the browser
 * from deciding the stream is dead, and finds a page that is gone. The page's
 * {@code EventSource} reconnects by itself after a kiosk restart.
 */
public final class EventsHttpService implements HttpService {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final EventHub hub;
    private final ObjectMapper json;

    public EventsHttpService(EventHub hub, ObjectMapper json) {
        this.hub = hub;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::stream);
    }

    private String toJson(KioskEvent event) {
        try {
            return json.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is plain values", e);
        }
    }

    private void stream(ServerRequest req, ServerResponse res) {
        BlockingQueue<KioskEvent> queue = hub.subscribe();
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().comment("jinban events").build());
            while (true) {
                KioskEvent event = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    sink.emit(SseEvent.builder().comment("keep-alive").build());
                } else {
                    sink.emit(SseEvent.builder().name(event.type()).data(toJson(event)).build());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException gone) {
            // the page went away (its connection closed): nothing to answer
        } finally {
            hub.unsubscribe(queue);
        }
    }
}
