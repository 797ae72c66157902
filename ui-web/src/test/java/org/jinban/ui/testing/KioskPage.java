package org.jinban.ui.testing;

import static org.jinban.ui.testing.Browser.testId;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The touch page as a resident sees it: screens, header buttons, the catalog and an item. */
public final class KioskPage {
    /** Result rows only (not "result-count"). */
    public static final By RESULT_ROWS = By.cssSelector("[data-testid='results'] .result-list button[data-testid^='result-']");

    private final Browser browser;
    private final KioskFixture kiosk;

    public KioskPage(Browser browser, KioskFixture kiosk) {
        this.browser = browser;
        this.kiosk = kiosk;
    }

    /** Loads the page afresh (a new session) and waits for the home screen. */
    public void openHome() {
        browser.driver().get(kiosk.baseUrl());
        waitForScreen("home");
        browser.visible("btn-lang");
    }

    public String screen() {
        return browser.js("const app = document.getElementById('app'); return app ? app.dataset.screen : null;");
    }

    public void waitForScreen(String name) {
        browser.waitUntil("the " + name + " screen", d -> name.equals(screen()) && browser.present("screen-" + name));
    }

    public String htmlLang() {
        return browser.js("return document.documentElement.lang;");
    }

    public boolean elderOn() {
        return browser.js("return document.documentElement.classList.contains('elder');");
    }

    public void tapHome() {
        browser.tap("btn-home");
        waitForScreen("home");
    }

    /** Taps the language button and waits until the page has switched. */
    public void switchLanguage(String expected) {
        browser.tap("btn-lang");
        browser.waitUntil("<html lang=" + expected + ">", d -> expected.equals(htmlLang()));
    }

    public void setElder(boolean on) {
        browser.tap("btn-elder");
        browser.waitUntil("elderly mode " + (on ? "on" : "off"), d -> elderOn() == on
                && String.valueOf(on).equals(browser.visible("btn-elder").getDomAttribute("aria-pressed")));
    }

    public void openCatalog() {
        browser.tap("tile-catalog");
        waitForScreen("catalog");
        browser.visible("search-input");
    }

    /** Types with the on-screen keyboard, one tap per key (letters and digits). */
    public void typeOnKeys(String text) {
        for (char c : text.toCharArray()) {
            browser.tap("key-" + c);
        }
    }

    public String searchText() {
        return browser.driver().findElement(testId("search-input")).getDomProperty("value");
    }

    /** The heading of the results pane ("“lnr”的查找结果", "部门：…"). */
    public String resultsHeading() {
        return browser.driver().findElement(By.cssSelector(".results-pane .pane-title")).getText();
    }

    /**
     * Waits until the results pane shows a finished answer (results, the empty message or an
     * error) whose heading contains {@code headingPart}; returns the codes of the result rows.
     */
    public List<String> waitForResults(String headingPart) {
        browser.waitUntil("finished results under a heading with '" + headingPart + "'", d -> Boolean.TRUE.equals(browser.js("""
                const box = document.querySelector("[data-testid='results']");
                const head = document.querySelector('.results-pane .pane-title');
                if (!box || !head || !head.textContent.includes(arguments[0])) return false;
                if (box.classList.contains('is-busy') || box.querySelector("[data-testid='loading']")) return false;
                return !!box.querySelector("[data-testid='result-count'], [data-testid='results-empty'], [data-testid='error']");
                """, headingPart)));
        return resultCodes();
    }

    public List<String> resultCodes() {
        return browser.all(RESULT_ROWS).stream()
                .map(el -> el.getDomAttribute("data-testid").substring("result-".length()))
                .toList();
    }

    public String resultName(String code) {
        return browser.driver().findElement(testId("result-" + code)).findElement(By.cssSelector(".result-name")).getText();
    }

    /** Taps "More" until every result is listed. */
    public List<String> loadAllResults() {
        for (int i = 0; i < 20 && browser.present("btn-more"); i++) {
            int before = resultCodes().size();
            browser.tap("btn-more");
            browser.waitUntil("more results", d -> resultCodes().size() > before && browser.all(testId("loading")).isEmpty());
        }
        return resultCodes();
    }

    /** Taps a result row and waits for that item's detail. */
    public WebElement openItem(String code) {
        browser.tap("result-" + code);
        return waitForItem(code);
    }

    public WebElement waitForItem(String code) {
        waitForScreen("item");
        return browser.waitUntil("the detail of " + code, d -> {
            List<WebElement> detail = d.findElements(By.cssSelector("[data-testid='item-detail'][data-code='" + code + "']"));
            return detail.isEmpty() ? null : detail.getFirst();
        });
    }

    public String text(String testId) {
        return browser.visible(testId).getText();
    }
}
