package org.jinban.sync.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The kiosk's outbox as a map, for tests. */
final class InMemoryOutbox implements Outbox {

    private final Map<String, OutboxRecord> pending = new LinkedHashMap<>();
    final List<String> acked = new ArrayList<>();
    final Map<String, String> rejected = new LinkedHashMap<>();

    synchronized String add(String kind) {
        String id = UUID.randomUUID().toString();
        pending.put(id, new OutboxRecord(id, kind, UUID.randomUUID().toString(), Instant.now(),
                "{\"n\":" + pending.size() + "}", "{\"name\":\"张三\"}"));
        return id;
    }

    @Override
    public synchronized List<OutboxRecord> nextBatch(int max) {
        return pending.values().stream().limit(max).toList();
    }

    @Override
    public synchronized void acked(Collection<String> ids) {
        for (String id : ids) {
            if (pending.remove(id) != null) {
                acked.add(id);
            }
        }
    }

    @Override
    public synchronized void rejected(String id, String reason) {
        if (pending.remove(id) != null) {
            rejected.put(id, reason);
        }
    }

    @Override
    public synchronized long pendingCount() {
        return pending.size();
    }

    @Override
    public synchronized Optional<Instant> oldestPending() {
        return pending.values().stream().map(OutboxRecord::createdAt).min(Instant::compareTo);
    }

    synchronized List<String> ackedIds() {
        return new ArrayList<>(acked);
    }
}
