package org.jinban.ui.testing;

import static org.jinban.ui.testing.Browser.testId;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The staff screens: badge + PIN login, the station's appeals, reprinting, logging out. */
public final class StaffPage {
    /** The demo roster's first badge and its (public, demo-only) PIN. */
    public static final String BADGE = "JBSTAFF:S001";
    public static final String PIN = "246810";

    private final Browser browser;
    private final KioskPage page;
    private final Simulator simulator;

    public StaffPage(Browser browser, KioskPage page, Simulator simulator) {
        this.browser = browser;
        this.page = page;
        this.simulator = simulator;
    }

    /** From the home screen: the small 工作人员 button, until the login asks for the badge. */
    public void open() {
        browser.tap("btn-staff");
        page.waitForScreen("staff");
        browser.visible("staff-scan-prompt");
    }

    /** Scans the badge with the simulated scanner and waits for the PIN pad. */
    public void scanBadge(String badge) {
        simulator.scan(badge);
        browser.visible("pin-dots");
    }

    /** Taps the PIN on the digits keyboard and 登录. */
    public void enterPin(String pin) {
        for (char c : pin.toCharArray()) {
            browser.tap("ime-key-" + c);
        }
        browser.waitUntil("the PIN as dots", d -> String.valueOf(pin.length()).equals(
                d.findElement(testId("pin-dots")).getDomAttribute("data-length")));
        browser.tap("btn-staff-login");
    }

    /** Marks the message shown now, so that {@link #nextLoginError()} waits for the one after it. */
    public void markLoginError() {
        browser.js("document.querySelectorAll(\"[data-testid='login-error']\").forEach((e) => { e.dataset.seen = '1'; });");
    }

    /** The login's next message (after {@link #markLoginError()}): each answer draws a new one. */
    public String nextLoginError() {
        return browser.waitUntil("the login's next message", d -> browser.<String>js(
                "const e = document.querySelector(\"[data-testid='login-error']:not([data-seen])\"); return e ? e.innerText : null;"));
    }

    public String waitForLoginError() {
        return browser.waitUntil("the login's message", d -> {
            List<WebElement> el = d.findElements(testId("login-error"));
            return el.isEmpty() ? null : el.getFirst().getText();
        });
    }

    public void logIn() {
        open();
        scanBadge(BADGE);
        enterPin(PIN);
        waitForHome();
    }

    public void waitForHome() {
        browser.waitUntil("the staff home", Duration.ofSeconds(10), d -> "staff".equals(page.screen()) && browser.present("btn-staff-logout"));
    }

    /** Shows a tab (unacknowledged, open, overdue, owed) and waits for its list; the tracking numbers in it. */
    public List<String> showTab(String filter) {
        browser.tap("tab-" + filter);
        return waitForList(filter);
    }

    public List<String> waitForList(String filter) {
        browser.waitUntil("the " + filter + " list", Duration.ofSeconds(10), d -> {
            List<WebElement> list = d.findElements(By.cssSelector("[data-testid='staff-list'][data-filter='" + filter + "']"));
            return !list.isEmpty() && list.getFirst().findElements(testId("loading")).isEmpty();
        });
        return browser.all(By.cssSelector("[data-testid^='staff-appeal-']")).stream()
                .map(el -> el.getDomAttribute("data-testid").substring("staff-appeal-".length()))
                .toList();
    }

    /** Taps 补打回执 of one appeal; returns the receipt state the kiosk answered. */
    public String reprint(String trackingNo) {
        browser.tap("reprint-" + trackingNo);
        return browser.waitUntil("the reprint's answer", Duration.ofSeconds(10), d -> {
            String state = d.findElement(testId("receipt-state-" + trackingNo)).getDomAttribute("data-state");
            return state == null || state.isEmpty() ? null : state;
        });
    }

    public void logOut() {
        browser.tap("btn-staff-logout");
        page.waitForScreen("home");
    }
}
