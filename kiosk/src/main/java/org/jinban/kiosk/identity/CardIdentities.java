package org.jinban.kiosk.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jinban.devices.idcard.IdCardRecord;
import org.jinban.kiosk.privacy.Masking;

/**
 * The ID cards residents placed on the reader, each under a random token the page holds for a
 * few minutes, so the page never sees a name or an ID number and a card may be taken away
 * before the resident confirms. In memory only: a restart forgets every one.
 */
public final class CardIdentities {
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_LIVE = 32;

    private final Clock clock;
    private final Function<String, String> idHasher;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> live = new LinkedHashMap<>();

    private record Entry(CardHolder holder, Instant expires) {
    }

    /** @param idHasher the keyed hash of an ID number (the kiosk secret's HMAC) */
    public CardIdentities(Clock clock, Function<String, String> idHasher) {
        this.clock = clock;
        this.idHasher = idHasher;
    }

    /** Keeps what an appeal needs of {@code card} and returns the token for it. */
    public synchronized Issued issue(IdCardRecord card) {
        expire();
        while (live.size() >= MAX_LIVE) {
            Iterator<String> oldest = live.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        CardHolder holder = new CardHolder(card.name(), idHasher.apply(card.idNumber()),
                Masking.name(card.name()), Masking.idNumber(card.idNumber()));
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        live.put(token, new Entry(holder, clock.instant().plus(LIFETIME)));
        return new Issued(token, holder);
    }

    /** The card holder under {@code token}, while it lives. */
    public synchronized Optional<CardHolder> find(String token) {
        expire();
        Entry e = token == null ? null : live.get(token);
        return e == null ? Optional.empty() : Optional.of(e.holder());
    }

    public synchronized void forget(String token) {
        if (token != null) {
            live.remove(token);
        }
    }

    private void expire() {
        Instant now = clock.instant();
        live.values().removeIf(e -> !now.isBefore(e.expires()));
    }

    /** A new token and whose card it stands for. */
    public record Issued(String token, CardHolder holder) {
    }
}
