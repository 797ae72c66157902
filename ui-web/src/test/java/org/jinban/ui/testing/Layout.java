package org.jinban.ui.testing;

import java.util.List;
import java.util.Map;

/**
 * Measurements taken in the page itself (getComputedStyle, getBoundingClientRect), in CSS px.
 * Each check returns the offending elements, described well enough to find them, so a failed
 * assertion says exactly what is wrong.
 */
public final class Layout {
    /** What a finger can hit: everything a resident could tap or type into. */
    public static final String INTERACTIVE =
            "button, [role=button], [role=tab], [role=link], input, select, textarea, a, [onclick], [tabindex]";

    private static final String DESCRIBE = """
            const describe = (el) => {
              const id = el.getAttribute('data-testid');
              const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
              const text = (el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 30);
              return el.tagName.toLowerCase() + (id ? '[data-testid=' + id + ']' : cls) + (text ? ' "' + text + '"' : '');
            };
            const rendered = (el) => {
              if (el.getClientRects().length === 0) return false;
              const cs = getComputedStyle(el);
              return cs.visibility !== 'hidden' && cs.display !== 'none' && cs.opacity !== '0';
            };
            """;

    private final Browser browser;

    public Layout(Browser browser) {
        this.browser = browser;
    }

    /** Visible interactive elements narrower or lower than {@code min} CSS px, with their size. */
    public List<String> smallTargets(double min) {
        return browser.js(DESCRIBE + """
                const out = [];
                for (const el of document.querySelectorAll(arguments[1])) {
                  if (el.type === 'hidden' || !rendered(el)) continue;
                  const r = el.getBoundingClientRect();
                  if (r.width + 0.01 < arguments[0] || r.height + 0.01 < arguments[0]) {
                    out.push(describe(el) + ' is ' + r.width.toFixed(1) + 'x' + r.height.toFixed(1));
                  }
                }
                return out;""", min, INTERACTIVE);
    }

    /** How many visible interactive elements there are (so a size check can't pass on nothing). */
    public long interactiveCount() {
        return browser.js(DESCRIBE + """
                return [...document.querySelectorAll(arguments[0])].filter((el) => el.type !== 'hidden' && rendered(el)).length;""",
                INTERACTIVE);
    }

    /** Pop-ups: dialogs, modal or popover elements and anything position:fixed that is shown. */
    public List<String> overlays() {
        return browser.js(DESCRIBE + """
                const out = [];
                for (const el of document.querySelectorAll('[role=dialog], [role=alertdialog], dialog[open], [aria-modal=true]')) {
                  out.push('dialog: ' + describe(el));
                }
                try {
                  for (const el of document.querySelectorAll(':popover-open, :modal')) out.push('top layer: ' + describe(el));
                } catch (e) { /* selector unknown to this browser */ }
                for (const el of document.querySelectorAll('body *')) {
                  if (getComputedStyle(el).position === 'fixed' && rendered(el)) out.push('position:fixed: ' + describe(el));
                }
                return out;""");
    }

    /**
     * Starts recording every pop-up that appears from now on, even for a moment (a MutationObserver
     * on the whole document); {@link #overlaysSeen()} returns them. A page load ends the recording.
     */
    public void watchForOverlays() {
        browser.js(DESCRIBE + """
                window.__jbOverlays = [];
                const check = (el) => {
                  if (!(el instanceof Element)) return;
                  for (const e of [el, ...el.querySelectorAll('*')]) {
                    const modal = e.matches('[role=dialog], [role=alertdialog], dialog[open], [aria-modal=true]');
                    if (modal || (getComputedStyle(e).position === 'fixed' && rendered(e))) {
                      window.__jbOverlays.push((modal ? 'dialog: ' : 'position:fixed: ') + describe(e));
                    }
                  }
                };
                new MutationObserver((records) => {
                  for (const r of records) {
                    if (r.type === 'attributes') check(r.target); else r.addedNodes.forEach(check);
                  }
                }).observe(document.documentElement, {
                  subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'open', 'class', 'style', 'aria-modal'],
                });""");
    }

    /** What {@link #watchForOverlays()} has seen (fails if the page was reloaded meanwhile). */
    public List<String> overlaysSeen() {
        List<String> seen = browser.js("return window.__jbOverlays || null;");
        if (seen == null) {
            throw new AssertionError("the pop-up watch is gone: the page was reloaded");
        }
        return seen;
    }

    /** The computed font size of the first element matching {@code css}. */
    public double fontSize(String css) {
        Number px = browser.js("""
                const el = arguments[0] === ':root' ? document.documentElement : document.querySelector(arguments[0]);
                if (!el) throw new Error('nothing matches ' + arguments[0]);
                return parseFloat(getComputedStyle(el).fontSize);""", css);
        return px.doubleValue();
    }

    /**
     * Rendered elements under {@code scopeCss} that hold text themselves and whose line height is
     * below {@code minRatio} times their font size ("normal" counts as too tight: it depends on the font).
     */
    public TextCheck tightLines(String scopeCss, double minRatio) {
        Map<String, Object> r = browser.js(DESCRIBE + """
                const out = [];
                let checked = 0;
                for (const scope of document.querySelectorAll(arguments[0])) {
                  for (const el of [scope, ...scope.querySelectorAll('*')]) {
                    if (el instanceof SVGElement || !rendered(el)) continue;
                    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
                    if (!ownText) continue;
                    checked++;
                    const cs = getComputedStyle(el);
                    const fs = parseFloat(cs.fontSize);
                    const lh = cs.lineHeight;
                    const ratio = lh === 'normal' ? NaN : lh.endsWith('px') ? parseFloat(lh) / fs : parseFloat(lh);
                    if (!(ratio + 0.005 >= arguments[1])) out.push(describe(el) + ' line-height ' + lh + ' / font-size ' + cs.fontSize);
                  }
                }
                return {checked, tight: out};""", scopeCss, minRatio);
        @SuppressWarnings("unchecked")
        List<String> tight = (List<String>) r.get("tight");
        return new TextCheck(((Number) r.get("checked")).intValue(), tight);
    }

    /** @param checked how many text elements were measured; @param tight those below the ratio */
    public record TextCheck(int checked, List<String> tight) {
    }
}
