package org.jinban.ui.testing;

import static org.jinban.ui.testing.Browser.testId;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** 查询办理进度: looking an appeal up by its receipt or an ID card, its detail and the rating. */
public final class LookupPage {
    private final Browser browser;
    private final KioskPage page;

    public LookupPage(Browser browser, KioskPage page) {
        this.browser = browser;
        this.page = page;
    }

    /** From the home screen: the 查询办理进度 tile. */
    public void open() {
        browser.tap("tile-lookup");
        page.waitForScreen("lookup");
        browser.visible("way-scan");
    }

    /** Waits for the detail of this appeal; returns its status as the page marks it. */
    public String waitForDetail(String trackingNo) {
        // Read in the page in one go: the detail is drawn again while it is refreshed.
        return browser.waitUntil("the detail of " + trackingNo, Duration.ofSeconds(10), d -> browser.<String>js("""
                const el = document.querySelector("[data-testid='appeal-detail'][data-tracking-no='" + arguments[0] + "']");
                return el && !document.querySelector("#app [data-testid='loading']") ? el.dataset.status : null;""", trackingNo));
    }

    public String waitForMessage() {
        return browser.waitUntil("a plain message", d -> {
            List<WebElement> el = d.findElements(testId("lookup-message"));
            return el.isEmpty() ? null : el.getFirst().getText();
        });
    }

    /** The words of the status badge of the detail. */
    public String statusText() {
        return browser.driver().findElement(By.cssSelector("[data-testid='appeal-detail'] .detail-head [data-testid='status']")).getText();
    }

    /** The state of a timeline entry: done, current or todo; null when it is not shown. */
    public String timelineState(String status) {
        List<WebElement> el = browser.all(testId("tl-" + status));
        return el.isEmpty() ? null : el.getFirst().getDomAttribute("data-state");
    }

    public List<String> replies() {
        return browser.all(By.cssSelector("[data-testid='reply'] .reply-text")).stream().map(WebElement::getText).toList();
    }

    public void back() {
        browser.tap("btn-lookup-back");
    }

    /** Taps one of the five levels (VERY_SATISFIED … VERY_DISSATISFIED). */
    public void chooseRating(String level) {
        browser.visible("rate-panel");
        browser.tap("rate-" + level);
        browser.waitUntil("the rating " + level + " chosen", d -> "true".equals(
                d.findElement(testId("rate-" + level)).getDomAttribute("aria-checked")));
    }

    public void sendRating() {
        browser.tap("btn-rate");
    }

    /** The thank-you line and, for a poor rating, the follow-up promise. */
    public String waitForRated() {
        return browser.waitUntil("the rating saved", Duration.ofSeconds(10), d -> browser.<String>js("""
                const el = document.querySelector("[data-testid='rating-done']");
                return el ? el.innerText : null;"""));
    }
}
