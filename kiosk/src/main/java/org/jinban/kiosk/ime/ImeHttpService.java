package org.jinban.kiosk.ime;

import java.time.Duration;
import java.util.List;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.kiosk.http.ApiException;

/**
 * {@code /api/v1/ime/candidates}: Chinese words for typed pinyin, for the on-screen keyboard
 * (docs/api.md). The lexicon loads in the background a moment after the server is up, or at
 * the first request; until it is loaded the answer is a 503 {@code ime-not-ready}.
 */
public final class ImeHttpService implements HttpService {
    /** How long after the server listens the lexicon starts loading (~0.1–0.3 s of one core). */
    static final Duration LOAD_DELAY = Duration.ofSeconds(1);

    private final LexiconLoader loader;
    private final Handler methodNotAllowed;

    public ImeHttpService(LexiconLoader loader, Handler methodNotAllowed) {
        this.loader = loader;
        this.methodNotAllowed = methodNotAllowed;
    }

    /** The service over the lexicon built with the kiosk. */
    public static ImeHttpService create(Handler methodNotAllowed) {
        return new ImeHttpService(LexiconLoader.fromClasspath(), methodNotAllowed);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/candidates", this::candidates)
                .any("/candidates", methodNotAllowed);
    }

    /** Loads a moment after the server listens, so that the kiosk starts as fast as without it. */
    @Override
    public void afterStart(WebServer server) {
        loader.startAfter(LOAD_DELAY);
    }

    private void candidates(ServerRequest req, ServerResponse res) {
        ImeQuery query = ImeQuery.from(req.query());
        loader.start();
        CandidateSearch search = loader.ready().orElseThrow(this::notReady);
        res.send(new Answer(query.letters(), search.candidates(query.letters(), query.limit())));
    }

    private ApiException notReady() {
        if (loader.failed()) {
            return new ApiException(Status.INTERNAL_SERVER_ERROR_500, "internal-error", "Internal error",
                    "the input method's dictionary could not be loaded; type the letters as they are", List.of());
        }
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, "ime-not-ready", "Input method not ready",
                "the input method's dictionary is still loading; try again in a moment", List.of());
    }

    /** The answer: the letters (lower case) and their candidates, best first. */
    public record Answer(String pinyin, List<Candidate> candidates) {
    }
}
