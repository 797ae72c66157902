package org.jinban.kiosk.appeal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.devices.printer.ReceiptImageRenderer;
import org.jinban.kiosk.http.ApiException;
import org.jinban.kiosk.http.JsonBody;
import org.jinban.kiosk.http.Params;
import org.jinban.kiosk.identity.CardHolder;
import org.jinban.kiosk.identity.CardIdentities;

/** {@code /api/v1/appeals}: file, look up, see the receipt, rate (docs/api.md). */
public final class AppealHttpService implements HttpService {
    private final AppealService appeals;
    private final AppealViews views;
    private final AppealReceipts receipts;
    private final CardIdentities cards;
    private final Handler methodNotAllowed;
    private volatile ReceiptImageRenderer images;

    public AppealHttpService(AppealService appeals, AppealViews views, AppealReceipts receipts,
                             CardIdentities cards, Handler methodNotAllowed) {
        this.appeals = appeals;
        this.views = views;
        this.receipts = receipts;
        this.cards = cards;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::file).any("/", methodNotAllowed)
                .post("/by-card", this::byCard).any("/by-card", methodNotAllowed)
                .get("/{trackingNo}", this::lookUp).any("/{trackingNo}", methodNotAllowed)
                .get("/{trackingNo}/receipt.png", this::receiptImage).any("/{trackingNo}/receipt.png", methodNotAllowed)
                .post("/{trackingNo}/rating", this::rate).any("/{trackingNo}/rating", methodNotAllowed);
    }

    private void file(ServerRequest req, ServerResponse res) {
        AppealRequest body = JsonBody.read(req, AppealRequest.class);
        AppealService.Filed filed = appeals.file(body, null);
        sendFiled(res, filed, views);
    }

    /** 201 with the view, the verifier and the QR text; 200 with the same for a repeated id. */
    public static void sendFiled(ServerResponse res, AppealService.Filed filed, AppealViews views) {
        StoredAppeal a = filed.appeal();
        Map<String, Object> view = views.full(a, a.lang());
        view.put("verifier", a.verifier());
        view.put("qr", AppealReceipts.qr(a.trackingNo(), a.verifier()));
        res.status(filed.created() ? Status.CREATED_201 : Status.OK_200);
        res.header(HeaderNames.LOCATION, "/api/v1/appeals/" + a.trackingNo());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(view);
    }

    private void lookUp(ServerRequest req, ServerResponse res) {
        Params p = new Params(req.query());
        String lang = p.lang();
        Optional<String> verifier = p.text("verifier", 64);
        p.check();
        StoredAppeal a = appeals.find(req.path().pathParameters().get("trackingNo"))
                .orElseThrow(AppealHttpService::unknown);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (verifier.isEmpty()) {
            res.send(views.bare(a));
            return;
        }
        if (!AppealService.verifies(a, verifier.get())) {
            throw unknown();
        }
        res.send(views.full(a, lang));
    }

    private void receiptImage(ServerRequest req, ServerResponse res) {
        Params p = new Params(req.query());
        Optional<String> verifier = p.text("verifier", 64);
        p.check();
        StoredAppeal a = appeals.find(req.path().pathParameters().get("trackingNo"))
                .filter(x -> verifier.isPresent() && AppealService.verifies(x, verifier.get()))
                .orElseThrow(AppealHttpService::unknown);
        ReceiptImageRenderer renderer = images;
        if (renderer == null) {
            renderer = images = new ReceiptImageRenderer();
        }
        res.header(HeaderNames.CONTENT_TYPE, "image/png");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(renderer.renderPng(receipts.receipt(a)));
    }

    private void byCard(ServerRequest req, ServerResponse res) {
        CardRequest body = JsonBody.read(req, CardRequest.class);
        Params p = new Params(req.query());
        String lang = p.lang();
        p.check();
        CardHolder holder = holder(body.cardToken());
        List<Map<String, Object>> list = appeals.byCardHolder(holder.idHmac()).stream()
                .map(a -> views.full(a, lang)).toList();
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Map.of("appeals", list));
    }

    private void rate(ServerRequest req, ServerResponse res) {
        RatingRequest body = JsonBody.read(req, RatingRequest.class);
        RatingLevel level = null;
        if (body.level() == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("level", "is required: one of "
                    + List.of(RatingLevel.values()))));
        }
        try {
            level = RatingLevel.valueOf(body.level().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("level", "must be one of "
                    + List.of(RatingLevel.values()))));
        }
        StoredAppeal a = appeals.find(req.path().pathParameters().get("trackingNo"))
                .orElseThrow(AppealHttpService::unknown);
        if (body.cardToken() != null) {
            CardHolder holder = holder(body.cardToken());
            if (!holder.idHmac().equals(a.idHmac())) {
                throw unknown();
            }
        } else if (!AppealService.verifies(a, body.verifier())) {
            throw unknown();
        }
        AppealService.Rated rated = appeals.rate(a, level, body.reason(), "resident");
        res.status(Status.CREATED_201);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("level", rated.level().name());
        out.put("followUp", rated.followUp());
        out.put("followUpBy", rated.followUpBy() == null ? null : rated.followUpBy().toString());
        res.send(out);
    }

    private CardHolder holder(String token) {
        if (token == null || token.isBlank()) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("cardToken",
                    "is required: place the ID card on the reader first")));
        }
        return cards.find(token).orElseThrow(() -> ApiException.invalid(List.of(new ApiException.FieldError(
                "cardToken", "the ID card reading has expired; place the card again"))));
    }

    /** A wrong verifier looks exactly like an unknown number: nothing to learn by guessing. */
    static ApiException unknown() {
        return ApiException.notFound("no appeal with this tracking number and verifier");
    }

    record CardRequest(String cardToken) {
    }

    record RatingRequest(String verifier, String cardToken, String level, String reason) {
    }
}
