package org.jinban.ui.testing;

import static org.jinban.ui.testing.Browser.testId;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Filing an appeal as a resident (or staff on a resident's behalf) sees it: the steps of
 * #/appeal, the receipt, and the on-screen keyboard the text is typed with.
 */
public final class AppealPage {
    public static final List<String> STEPS = List.of("category", "description", "phone", "identity", "place", "review");

    private final Browser browser;
    private final KioskPage page;

    public AppealPage(Browser browser, KioskPage page) {
        this.browser = browser;
        this.page = page;
    }

    /** From the home screen: the 我要反映诉求 tile, until the domains are shown. */
    public void open() {
        browser.tap("tile-appeal");
        page.waitForScreen("appeal");
        waitForStep("category");
        browser.waitUntil("the category domains", d -> !d.findElements(By.cssSelector("[data-testid^='domain-']")).isEmpty());
    }

    public String step() {
        return browser.js("""
                const el = document.querySelector('.step-body[data-step]');
                return el ? el.dataset.step : null;""");
    }

    public void waitForStep(String name) {
        browser.waitUntil("the " + name + " step", d -> name.equals(step()));
    }

    /** The step indicator's line, e.g. "第 2 步，共 6 步：说事情". */
    public String stepText() {
        return browser.visible("step-text").getText();
    }

    public void chooseMatter(String domain, String matter) {
        browser.tap("domain-" + domain);
        browser.tap("matter-" + matter);
        waitForStep("description");
    }

    public void next() {
        browser.tap("btn-step-next");
    }

    public void back() {
        browser.tap("btn-step-back");
    }

    /** Taps the quick phrase at this index (0: the first); returns its text. */
    public String tapPhrase(int index) {
        WebElement chip = browser.all(By.cssSelector("[data-testid='phrase']")).get(index);
        String text = chip.getText();
        browser.tap(chip);
        return text;
    }

    /** Taps keys of the on-screen keyboard (js/ime.js): digits and letters, one tap each. */
    public void typeKeys(String keys) {
        for (char c : keys.toCharArray()) {
            browser.tap("ime-key-" + c);
        }
    }

    public void backspace(int times) {
        for (int i = 0; i < times; i++) {
            browser.tap("ime-key-backspace");
        }
    }

    /** The text of a field (description, phone, place, rate-reason). */
    public String value(String field) {
        return browser.driver().findElement(testId(field)).getDomProperty("value");
    }

    public String count(String field) {
        return browser.visible(field + "-count").getText();
    }

    /** The plain-words message under a field, or null when none is shown. */
    public String fieldError(String field) {
        List<WebElement> els = browser.all(testId("error-" + field));
        if (els.isEmpty() || !els.getFirst().isDisplayed()) {
            return null;
        }
        return els.getFirst().getText();
    }

    public String waitForFieldError(String field) {
        return browser.waitUntil("the message under " + field, d -> fieldError(field));
    }

    public void phone(String digits) {
        waitForStep("phone");
        typeKeys(digits);
    }

    public void stayAnonymous() {
        waitForStep("identity");
        browser.tap("identity-anonymous");
    }

    /** Chooses the ID card and waits until the kiosk has read it (the card must lie on the reader). */
    public String useCard() {
        waitForStep("identity");
        browser.tap("identity-card");
        return waitForCard();
    }

    /** Waits for the masked name and ID number of the card read; returns them as shown. */
    public String waitForCard() {
        return browser.waitUntil("the ID card read", Duration.ofSeconds(10), d -> {
            List<WebElement> ok = d.findElements(testId("card-ok"));
            return ok.isEmpty() ? null : ok.getFirst().getText();
        });
    }

    public void confirmConsent() {
        waitForStep("review");
        browser.tap("consent-toggle");
        browser.waitUntil("the consent confirmed", d -> "true".equals(
                d.findElement(testId("consent-toggle")).getDomAttribute("aria-checked")));
    }

    public boolean submitEnabled() {
        return browser.visible("btn-submit").isEnabled();
    }

    public void submit() {
        browser.tap("btn-submit");
    }

    /** Waits for the receipt screen (of a resident, or of staff with {@code screen = "proxyReceipt"}); its tracking number. */
    public String waitForReceipt(String screen) {
        browser.waitUntil("the receipt", Duration.ofSeconds(15), d -> screen.equals(page.screen()) && browser.present("tracking-no"));
        return browser.visible("tracking-no").getText();
    }

    public String waitForReceipt() {
        return waitForReceipt("receipt");
    }

    /** PRINTING, PRINTED or OWED, as the receipt screen shows it. */
    public String printState() {
        return browser.js("""
                const el = document.querySelector("[data-testid='print-state']");
                return el ? el.dataset.state : null;""");
    }

    public void waitForPrintState(String state) {
        browser.waitUntil("the receipt " + state, Duration.ofSeconds(15), d -> state.equals(printState()));
    }

    public void done() {
        browser.tap("btn-done");
    }

    /**
     * Files an appeal in one go with the matter's first quick phrase, anonymously, at the
     * station's grid; with a phone number unless it is null. Returns the tracking number.
     */
    public String fileQuickly(String domain, String matter, String phoneDigits) {
        open();
        chooseMatter(domain, matter);
        tapPhrase(0);
        next();
        waitForStep("phone");
        if (phoneDigits == null) {
            browser.tap("btn-no-phone");
        } else {
            typeKeys(phoneDigits);
            next();
        }
        stayAnonymous();
        next();
        waitForStep("place");
        next();
        confirmConsent();
        submit();
        return waitForReceipt();
    }

    /**
     * Types Chinese with the pinyin keyboard: the letters of {@code pinyin}, then the candidate
     * that is {@code word}.
     */
    public void typeChinese(String pinyin, String word) {
        typeKeys(pinyin);
        By candidate = By.cssSelector("[data-testid^='ime-cand-'][data-text='" + word + "']:not([disabled])");
        for (int page = 0; page < 10 && browser.all(candidate).isEmpty(); page++) {
            browser.waitUntil("the candidates of " + pinyin, d -> !d.findElements(
                    By.cssSelector("[data-testid^='ime-cand-']:not([disabled])")).isEmpty());
            if (!browser.all(candidate).isEmpty() || !browser.present("ime-next")
                    || !browser.driver().findElement(testId("ime-next")).isEnabled()) {
                break;
            }
            browser.tap("ime-next");
        }
        WebElement chosen = browser.waitUntil("the candidate " + word + " for " + pinyin, d -> {
            List<WebElement> found = d.findElements(candidate);
            return found.isEmpty() ? null : found.getFirst();
        });
        browser.tap(chosen);
        browser.waitUntil("the letters of " + word + " taken", d -> browser.present("ime-composition-empty"));
    }
}
