package org.jinban.kiosk.appeal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jinban.kiosk.http.ApiException;

/**
 * Filing, looking up and rating appeals, and applying the central platform's status changes:
 * the rules between the HTTP API and {@link AppealStore}.
 */
public final class AppealService {
    /** A poor rating is called back within this time. */
    public static final Duration FOLLOW_UP = Duration.ofDays(2);
    private static final int VERIFIER_BYTES = 15;

    private final AppealStore store;
    private final AppealValidator validator;
    private final TrackingNumbers numbers;
    private final String gridCode;
    private final ReceiptDesk desk;
    private final Clock clock;
    private final ZoneId zone;
    private final SecureRandom random = new SecureRandom();
    private final Runnable filed;

    /** @param filed told after each new appeal is saved (the sync sends it at once) */
    public AppealService(AppealStore store, AppealValidator validator,
                         TrackingNumbers numbers, String gridCode, ReceiptDesk desk, Clock clock, Runnable filed) {
        this.filed = filed;
        this.store = store;
        this.validator = validator;
        this.numbers = numbers;
        this.gridCode = gridCode;
        this.desk = desk;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    /** A saved appeal, the verifier its receipt carries, and whether this call filed it. */
    public record Filed(StoredAppeal appeal, boolean created) {
    }

    /**
     * Checks and saves an appeal, then queues its receipt. Answers only after the commit.
     *
     * @param proxyStaffId the staff member filing on the resident's behalf, or null
     * @throws ApiException 400 naming every bad field
     */
    public Filed file(AppealRequest request, String proxyStaffId) {
        NewAppeal appeal = switch (validator.check(request, proxyStaffId)) {
            case AppealValidator.Accepted ok -> ok.appeal();
            case AppealValidator.Refused refused -> throw ApiException.invalid(refused.errors());
        };
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        byte[] bytes = new byte[VERIFIER_BYTES];
        random.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        AppealStore.Saved saved = store.file(new AppealStore.Filing(appeal, gridCode,
                TrackingNumbers.day(LocalDate.ofInstant(now, zone)), verifier, sha256(verifier), now,
                now.plus(Duration.ofDays(appeal.matter().dueDays()))), numbers);
        if (saved.created()) {
            desk.submit(saved.appeal());
            filed.run();
        }
        return new Filed(saved.appeal(), saved.created());
    }

    public Optional<StoredAppeal> find(String trackingNo) {
        if (!TrackingNumbers.valid(trackingNo)) {
            return Optional.empty();
        }
        return store.byTrackingNo(trackingNo);
    }

    /** Whether {@code verifier} is the one on this appeal's receipt (compared in constant time). */
    public static boolean verifies(StoredAppeal appeal, String verifier) {
        if (verifier == null || verifier.length() > 64) {
            return false;
        }
        return MessageDigest.isEqual(appeal.verifierHash().getBytes(StandardCharsets.US_ASCII),
                sha256(verifier).getBytes(StandardCharsets.US_ASCII));
    }

    public List<StoredAppeal> byCardHolder(String idHmac) {
        return store.byIdHmac(idHmac, 50);
    }

    /** What a rating led to. */
    public record Rated(RatingLevel level, boolean followUp, Instant followUpBy) {
    }

    /**
     * Rates a resolved appeal once and closes it.
     *
     * @throws ApiException 409 {@code not-resolved} or {@code already-rated}; 400 for a bad reason
     */
    public Rated rate(StoredAppeal appeal, RatingLevel level, String reason, String actor) {
        String why = reason == null ? null : reason.strip();
        if (why != null && why.isEmpty()) {
            why = null;
        }
        if (why != null && (why.codePointCount(0, why.length()) > 500
                || AppealValidator.textProblem(why, true).isPresent())) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("reason",
                    "must be at most 500 characters of text without control characters")));
        }
        if (appeal.rating() != null) {
            throw alreadyRated();
        }
        if (appeal.status() != AppealStatus.RESOLVED) {
            throw ApiException.conflict("not-resolved", "Not resolved yet",
                    "only a resolved appeal can be rated; this one is " + appeal.status());
        }
        Instant now = clock.instant();
        Instant followUpBy = level.poor() ? now.plus(FOLLOW_UP) : null;
        if (!store.rate(appeal, new StoredAppeal.Rating(level, why, level.poor(), now), followUpBy, actor)) {
            throw alreadyRated();
        }
        filed.run();
        return new Rated(level, level.poor(), followUpBy);
    }

    private static ApiException alreadyRated() {
        return ApiException.conflict("already-rated", "Already rated", "this appeal has been rated already");
    }

    /**
     * A status change as the central platform sends it. Closed and rejected appeals stay as
     * they are; an appeal never goes back to SUBMITTED.
     */
    public StoredAppeal changeStatus(StoredAppeal appeal, StatusChange change, String actor) {
        if (appeal.status().terminal()) {
            throw ApiException.conflict("appeal-finished", "Appeal finished",
                    "a " + appeal.status() + " appeal does not change any more");
        }
        if (change.status() == AppealStatus.SUBMITTED) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("status",
                    "an appeal cannot go back to SUBMITTED")));
        }
        if (change.status() == AppealStatus.REJECTED && (change.reason() == null || change.reason().isBlank())) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("reason",
                    "is required when an appeal is rejected")));
        }
        return store.changeStatus(appeal.id(), new StoredAppeal.Event(change.status(), clock.instant(),
                change.handlingLevel(), change.department(), change.reason(), change.reply()), actor);
    }

    /** A status, with what goes with it. */
    public record StatusChange(AppealStatus status, String handlingLevel, String department, String reason,
                               String reply) {
    }

    /** Prints the receipt again, for staff; audited. */
    public ReceiptDesk.Outcome reprint(StoredAppeal appeal, String staffId) {
        ReceiptDesk.Outcome outcome = desk.reprint(appeal);
        store.audit("staff:" + staffId, "receipt.reprinted", appeal.trackingNo(),
                java.util.Map.of("state", outcome.state().name()), clock.instant());
        return outcome;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
