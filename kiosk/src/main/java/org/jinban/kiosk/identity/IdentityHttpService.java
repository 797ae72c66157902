package org.jinban.kiosk.identity;

import java.util.Map;
import java.util.function.Supplier;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.devices.idcard.IdCardRecord;
import org.jinban.kiosk.http.ApiException;

/**
 * {@code /api/v1/identity}: turns the ID card on the reader into a short-lived token and
 * masked values for the page; the card's data itself never leaves the kiosk service.
 */
public final class IdentityHttpService implements HttpService {
    private final Supplier<Optional<IdCardRecord>> reader;
    private final CardIdentities cards;
    private final Handler methodNotAllowed;

    /** @param reader the card on the reader now */
    public IdentityHttpService(Supplier<Optional<IdCardRecord>> reader, CardIdentities cards,
                               Handler methodNotAllowed) {
        this.reader = reader;
        this.cards = cards;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/card", this::read).any("/card", methodNotAllowed)
                .delete("/{token}", this::forget).any("/{token}", methodNotAllowed);
    }

    private void read(ServerRequest req, ServerResponse res) {
        IdCardRecord card = reader.get().orElseThrow(() -> ApiException.conflict("no-card", "No ID card",
                "there is no readable ID card on the reader; place the card flat on the reader and keep it there"));
        CardIdentities.Issued issued = cards.issue(card);
        res.status(Status.CREATED_201);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Map.of("token", issued.token(), "name", issued.holder().maskedName(),
                "idNumber", issued.holder().maskedIdNumber(),
                "expiresInSeconds", CardIdentities.LIFETIME.toSeconds()));
    }

    private void forget(ServerRequest req, ServerResponse res) {
        cards.forget(req.path().pathParameters().get("token"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
