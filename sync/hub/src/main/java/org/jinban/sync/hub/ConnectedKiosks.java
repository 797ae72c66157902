package org.jinban.sync.hub;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which kiosks have a welcomed connection now, so that a new item reaches them at once. */
final class ConnectedKiosks {
    private final Map<String, KioskSession> sessions = new ConcurrentHashMap<>();

    /** @return the kiosk's previous connection, if it still had one */
    Optional<KioskSession> register(String kioskId, KioskSession session) {
        return Optional.ofNullable(sessions.put(kioskId, session));
    }

    void remove(String kioskId, KioskSession session) {
        sessions.remove(kioskId, session);
    }

    boolean isConnected(String kioskId) {
        return sessions.containsKey(kioskId);
    }

    Optional<KioskSession> get(String kioskId) {
        return Optional.ofNullable(sessions.get(kioskId));
    }
}
