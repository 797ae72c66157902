package org.jinban.kiosk.appeal;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.kiosk.http.Params;

/** {@code /api/v1/appeal-categories}: the domains and matter types a resident chooses from. */
public final class AppealCategoriesHttpService implements HttpService {
    private final AppealCategories categories;
    private final Handler methodNotAllowed;

    public AppealCategoriesHttpService(AppealCategories categories, Handler methodNotAllowed) {
        this.categories = categories;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).any("/", methodNotAllowed);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Params p = new Params(req.query());
        String lang = p.lang();
        p.check();
        res.header(HeaderNames.CACHE_CONTROL, "max-age=300");
        res.send(categories.view(lang));
    }
}
