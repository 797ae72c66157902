package org.jinban.sync.hub;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub HTTP handler for a few JSON routes: a subclass says which paths are its own and answers
 * them; an {@link HttpProblem} becomes problem+json, a store failure a 500 that is logged
 * (never with a body: it may carry a code or a credential). Runs on Jetty's virtual threads.
 */
abstract class JsonHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(JsonHandler.class);

    protected final JsonExchange http;

    JsonHandler(JsonExchange http) {
        this.http = http;
    }

    /** Whether {@code path} is one of this handler's; others go to the next handler. */
    abstract boolean owns(String path);

    /** Answers the call or throws {@link HttpProblem}. */
    abstract void route(Request request, Response response, Callback callback, String path);

    @Override
    public final boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!owns(path)) {
            return false;
        }
        try {
            route(request, response, callback, path);
        } catch (HttpProblem p) {
            http.problem(response, callback, p);
        } catch (HubException e) {
            LOG.error("{} {} failed", request.getMethod(), path, e);
            http.problem(response, callback, new HttpProblem(500, "internal-error", "the hub could not answer"));
        }
        return true;
    }

    static HttpProblem notAllowed(Request request, String path) {
        return new HttpProblem(405, "method-not-allowed", request.getMethod() + " " + path + " is not a hub call");
    }
}
