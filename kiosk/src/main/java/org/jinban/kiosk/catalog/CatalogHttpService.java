package org.jinban.kiosk.catalog;

import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jinban.kiosk.http.ApiException;
import org.jinban.kiosk.http.Params;

/** {@code /api/v1/catalog}: search, items, departments, life events (docs/api.md). */
public final class CatalogHttpService implements HttpService {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    public static final int MAX_OFFSET = 10_000;
    private static final Pattern ITEM_CODE = Pattern.compile("[A-Z0-9-]{3,40}");

    private final CatalogStore store;
    private final CatalogSearch search;
    private final Handler methodNotAllowed;

    public CatalogHttpService(CatalogStore store, CatalogSearch search, Handler methodNotAllowed) {
        this.store = store;
        this.search = search;
        this.methodNotAllowed = methodNotAllowed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/search", this::search)
                .any("/search", methodNotAllowed)
                .get("/items/{code}", this::item)
                .any("/items/{code}", methodNotAllowed)
                .get("/departments", this::departments)
                .any("/departments", methodNotAllowed)
                .get("/life-events", this::lifeEvents)
                .any("/life-events", methodNotAllowed);
    }

    private void search(ServerRequest req, ServerResponse res) {
        Params p = new Params(req.query());
        String lang = p.lang();
        String q = p.string("q").orElse("");
        CatalogSearch.problem(q).ifPresent(why -> p.error("q", why));
        Optional<String> department = p.text("department", 40);
        Optional<String> lifeEvent = p.text("lifeEvent", 40);
        int limit = p.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = p.integer("offset", 0, 0, MAX_OFFSET);
        p.check();
        if (department.isPresent() && !store.departmentExists(department.get())) {
            p.error("department", "there is no department '" + department.get() + "'");
        }
        if (lifeEvent.isPresent() && !store.lifeEventExists(lifeEvent.get())) {
            p.error("lifeEvent", "there is no life event '" + lifeEvent.get() + "'");
        }
        p.check();
        SearchPage page = search.search(q, department, lifeEvent, limit, offset);
        res.send(new CatalogViews.SearchResult(q, page.total(), page.totalExact(), limit, offset,
                page.items().stream().map(s -> CatalogViews.Summary.of(s, lang)).toList()));
    }

    private void item(ServerRequest req, ServerResponse res) {
        Params p = new Params(req.query());
        String lang = p.lang();
        p.check();
        String code = req.path().pathParameters().get("code");
        if (!ITEM_CODE.matcher(code).matches()) {
            throw ApiException.notFound("there is no service item with this code");
        }
        CatalogStore.ItemWithNames item = store.itemWithNames(code)
                .orElseThrow(() -> ApiException.notFound("there is no service item " + code));
        res.send(CatalogViews.Detail.of(item, lang));
    }

    private void departments(ServerRequest req, ServerResponse res) {
        Params p = new Params(req.query());
        String lang = p.lang();
        p.check();
        res.send(new CatalogViews.Departments(CatalogViews.named(store.departments(), lang)));
    }

    private void lifeEvents(ServerRequest req, ServerResponse res) {
        Params p = new Params(req.query());
        String lang = p.lang();
        p.check();
        res.send(new CatalogViews.LifeEvents(CatalogViews.named(store.lifeEvents(), lang)));
    }
}
