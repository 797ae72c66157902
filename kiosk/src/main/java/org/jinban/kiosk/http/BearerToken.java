package org.jinban.kiosk.http;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** The session token a screen sends as {@code Authorization: Bearer <token>} (staff, technician). */
public final class BearerToken {
    /** Longer than any token a session store makes; a longer header is not one of ours. */
    private static final int MAX_LENGTH = 128;

    private BearerToken() {
    }

    /** The token of {@code req}, if it carries a plausible one. */
    public static Optional<String> of(ServerRequest req) {
        return req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip())
                .filter(t -> !t.isEmpty() && t.length() <= MAX_LENGTH);
    }
}
