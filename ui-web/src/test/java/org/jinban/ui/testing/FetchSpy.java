package org.jinban.ui.testing;

import java.util.List;
import java.util.Map;

/**
 * Wraps the page's {@code fetch} to record the kiosk calls it makes (method, path, body, status,
 * JSON answer) and, on request, to break some of them the way a network does: the request
 * never leaves, or it reaches the kiosk but the answer is lost. A page load removes it.
 */
public final class FetchSpy {
    private final Browser browser;

    public FetchSpy(Browser browser) {
        this.browser = browser;
    }

    /** Starts recording (again, with an empty record). */
    public FetchSpy install() {
        browser.js("""
                window.__jbCalls = [];
                window.__jbFaults = [];
                if (!window.__jbRealFetch) window.__jbRealFetch = window.fetch;
                const real = window.__jbRealFetch;
                window.fetch = async (input, init = {}) => {
                  const url = new URL(String(input), location.href);
                  const call = { method: init.method || 'GET', path: url.pathname, query: url.search, body: init.body || null };
                  window.__jbCalls.push(call);
                  const fault = window.__jbFaults.find((f) => f.times > 0 && f.method === call.method && call.path.endsWith(f.path));
                  if (fault) fault.times -= 1;
                  if (fault && fault.kind === 'body') {
                    const body = JSON.parse(init.body);
                    Object.assign(body, fault.change);
                    init = { ...init, body: JSON.stringify(body) };
                    call.sent = init.body;
                  }
                  if (fault && fault.kind === 'unsent') { call.status = 'network'; throw new TypeError('Failed to fetch'); }
                  const res = await real(input, init);
                  call.status = res.status;
                  try { call.json = await res.clone().json(); } catch (e) { call.json = null; }
                  if (fault && fault.kind === 'lost') { call.lost = true; throw new TypeError('Failed to fetch'); }
                  return res;
                };""");
        return this;
    }

    /** The next {@code times} calls of this method to a path ending so never reach the kiosk. */
    public void failUnsent(String method, String pathEnd, int times) {
        addFault(method, pathEnd, times, "unsent", Map.of());
    }

    /** The next {@code times} calls reach the kiosk, which answers, but the answer is lost on the way back. */
    public void loseAnswer(String method, String pathEnd, int times) {
        addFault(method, pathEnd, times, "lost", Map.of());
    }

    /** The next call's JSON body gets these members changed before it is sent (as a page with other rules would). */
    public void changeBody(String method, String pathEnd, Map<String, Object> change) {
        addFault(method, pathEnd, 1, "body", change);
    }

    private void addFault(String method, String pathEnd, int times, String kind, Map<String, Object> change) {
        browser.js("window.__jbFaults.push({method: arguments[0], path: arguments[1], times: arguments[2], kind: arguments[3], change: arguments[4]});",
                method, pathEnd, times, kind, change);
    }

    /** The calls made so far, each as {method, path, query, body, status, json}. */
    public List<Map<String, Object>> calls() {
        return browser.js("return JSON.parse(JSON.stringify(window.__jbCalls || []));");
    }

    /** The calls of this method to a path ending so. */
    public List<Map<String, Object>> calls(String method, String pathEnd) {
        return calls().stream()
                .filter(c -> method.equals(c.get("method")) && String.valueOf(c.get("path")).endsWith(pathEnd))
                .toList();
    }
}
