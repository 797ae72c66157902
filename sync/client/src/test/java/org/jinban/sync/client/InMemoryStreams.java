package org.jinban.sync.client;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The kiosk's downstream side as maps, for tests; {@link #failOn} makes an item unappliable. */
final class InMemoryStreams implements StreamHandler {

    final Map<String, Long> cursors = new ConcurrentHashMap<>();
    final List<String> applied = new CopyOnWriteArrayList<>();
    final List<String> skipped = new CopyOnWriteArrayList<>();
    final List<String> resyncs = new CopyOnWriteArrayList<>();
    volatile Set<Long> failOn = Set.of();

    @Override
    public long cursor(String stream) {
        return cursors.getOrDefault(stream, 0L);
    }

    @Override
    public void apply(String stream, long seq, String kind, String bodyJson) {
        if (failOn.contains(seq)) {
            throw new IllegalStateException("cannot apply " + bodyJson);
        }
        applied.add(stream + "#" + seq + " " + bodyJson);
        cursors.put(stream, seq);
    }

    @Override
    public void skip(String stream, long seq, String kind, String reason) {
        skipped.add(stream + "#" + seq);
        cursors.put(stream, seq);
    }

    @Override
    public void resync(String stream) {
        resyncs.add(stream);
        cursors.put(stream, 0L);
    }
}
