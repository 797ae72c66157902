package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.ui.testing.Browser;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The simulator panel (simulator.html) against a kiosk with simulated devices: each control
 * reaches the kiosk, and what the kiosk answers (events, receipts, refusals) shows on the panel.
 */
@ExtendWith(ScreenshotOnFailure.class)
class SimulatorPanelIT {
    /** An 18-character resident ID number (17 digits and a check digit or X). */
    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");
    /** What is on the simulator's fictional sample cards. */
    private static final List<String> SAMPLE_CARD_TEXT = List.of("测试样例", "演示人员", "370783199001011232",
            "37078319920315002X", "测试路", "演示村");

    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    private Browser browser;

    @BeforeEach
    void openPanel() {
        browser = session.browser();
        // A known printer: paper in, cover shut, answering (the panel starts from the same).
        session.kiosk().simulate("/printer",
                "{\"paperEnd\": false, \"paperNearEnd\": false, \"coverOpen\": false, \"answersStatus\": true}");
        session.kiosk().simulate("/card", "{\"present\": false}");
        browser.driver().get(session.kiosk().baseUrl() + "simulator.html");
        browser.visible("sim-panel");
        browser.waitUntil("the panel's event stream is open", d -> browser.present("sim-stream")
                && "open".equals(attr("sim-stream", "data-state")));
        assertEquals("zh-CN", browser.js("return document.documentElement.lang;"));
    }

    @Test
    void aScannedTextShowsInTheLog() {
        String text = "JB-扫码-" + Long.toString(System.nanoTime(), 36) + " <b>x</b>";
        browser.visible("sim-scan-text").sendKeys(text);
        browser.tap("sim-scan");
        String entry = browser.waitUntil("the scan in the log", d -> logEntries("scan").stream()
                .filter(e -> e.contains(text)).findFirst().orElse(null));
        assertTrue(entry.contains("扫到码"), entry);
        assertTrue(browser.all(By.cssSelector("[data-testid='sim-log'] b")).isEmpty(), "the text stays text");
        assertEquals(entry, logEntries(null).getFirst(), "newest first");
    }

    @Test
    void aPlacedCardShowsAsAnEventButNothingOfThePerson() {
        int before = logEntries("card").size();
        browser.tap("sim-card-place");
        String entry = browser.waitUntil("the card event in the log", d -> {
            List<String> cards = logEntries("card");
            return cards.size() > before ? cards.getFirst() : null;
        });
        assertTrue(entry.contains("放上了身份证"), entry);
        assertNoPersonalData();

        browser.tap("sim-card-remove");
        browser.waitUntil("the removal in the log", d -> logEntries("card").stream()
                .anyMatch(e -> e.contains("身份证已取走")));
        browser.tap("sim-card-place-long");
        browser.waitUntil("the long-term card in the log", d -> logEntries("card").getFirst().contains("放上了身份证"));
        assertNoPersonalData();
    }

    @Test
    void aTestPagePrintsAReceiptThatShows() {
        int before = receiptImages().size();
        browser.tap("sim-test-page");
        browser.waitUntil("the printed message", d -> resultText("printer").contains("测试页已打印"));
        browser.waitUntil("a new receipt image, loaded", Duration.ofSeconds(10), d -> {
            List<WebElement> imgs = receiptImages();
            return imgs.size() > before && imgs.stream().allMatch(img -> Boolean.TRUE.equals(browser.js(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0;", img)));
        });
        WebElement newest = receiptImages().getFirst();
        Number width = browser.js("return arguments[0].naturalWidth;", newest);
        assertTrue(width.intValue() > 0, "the receipt image has a width");
        assertTrue(newest.getDomAttribute("src").startsWith("/api/v1/simulator/receipts/"), newest.getDomAttribute("src"));
        browser.screenshot("20-simulator-panel");
    }

    @Test
    void paperEndRefusesTheTestPageInPlainWords() {
        int before = receiptImages().size();
        browser.tap("sim-paper-end");
        browser.waitUntil("paper end on", d -> "true".equals(attr("sim-paper-end", "aria-pressed")));
        browser.tap("sim-test-page");
        browser.waitUntil("the refusal", d -> resultText("printer").startsWith("打印不了"));
        WebElement result = browser.visible("sim-result-printer");
        assertTrue(result.getDomAttribute("class").contains("is-bad"), "shown as a failure");

        // The kiosk's own words for the refusal are the ones shown.
        HttpResponse<String> res = session.kiosk().post("/simulator/printer/test-page", "{}");
        assertEquals(409, res.statusCode(), res.body());
        JsonNode problem = session.kiosk().json(res.body());
        String reason = problem.path("detail").asText(problem.path("title").asText(""));
        assertFalse(reason.isBlank(), "the 409 says why: " + res.body());
        assertTrue(result.getText().contains(reason), "'" + result.getText() + "' shows '" + reason + "'");
        assertTrue(result.getText().contains("打印机没纸了"), "in plain words: " + result.getText());

        String state = browser.waitUntil("the printer not ok in the device list", d -> {
            String s = browser.js("const p = document.querySelector(\"[data-testid='sim-device-printer']\");"
                    + " return p ? p.dataset.state : null;");
            return s != null && !s.equals("ok") && !s.equals("unknown") ? s : null;
        });
        assertNotEquals("ok", state);
        String shown = browser.visible("sim-device-printer").getText();
        assertFalse(shown.contains("正常"), "the device list says the printer is not ok: " + shown);
        assertEquals(before, receiptImages().size(), "nothing printed");
        browser.screenshot("20-simulator-panel-paper-end");
    }

    @Test
    void theHelpButtonOnThePanelReachesTheKioskPage() {
        String panel = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB);
        String kioskTab = browser.driver().getWindowHandle();
        try {
            session.page().openHome();
            browser.waitUntil("the page's event stream is open",
                    d -> "open".equals(browser.js("return document.documentElement.dataset.events;")));
            assertFalse(browser.visible("btn-home").getText().isEmpty());
            browser.driver().switchTo().window(panel);
            browser.tap("sim-help");
            browser.waitUntil("the help press in the log", d -> !logEntries("help").isEmpty());
            browser.driver().switchTo().window(kioskTab);
            browser.waitUntil("the help banner within 2 s", Duration.ofSeconds(2),
                    d -> d.findElement(By.cssSelector("[data-testid='help-banner']")).isDisplayed());
            assertEquals("已通知工作人员，请稍候", browser.visible("help-banner").getText());
        } finally {
            browser.driver().close();
            browser.driver().switchTo().window(panel);
        }
    }

    @Test
    void theButtonsAreBigEnoughAndThePanelSpeaksEnglish() {
        List<WebElement> buttons = browser.all(By.cssSelector("button, input"));
        assertTrue(buttons.size() >= 12);
        for (WebElement b : buttons) {
            assertTrue(b.getRect().getHeight() >= 48, b.getDomAttribute("data-testid") + " is " + b.getRect().getHeight() + " px high");
        }
        browser.tap("btn-lang");
        browser.waitUntil("English", d -> browser.visible("sim-test-page").getText().equals("Print test page"));
        assertEquals("Scan", browser.visible("sim-scan").getText());
        assertFalse(browser.alertOpen());
    }

    private String resultText(String section) {
        String text = browser.js("const r = document.querySelector(\"[data-testid='sim-result-" + section + "']\");"
                + " return r ? r.textContent : '';");
        return text == null ? "" : text;
    }

    /** The log's entries (of one event, or all with null), newest first, as text; read at once, never stale. */
    private List<String> logEntries(String event) {
        return browser.js("""
                return [...document.querySelectorAll("[data-testid='sim-log'] li")]
                  .filter((li) => arguments[0] === null || li.dataset.event === arguments[0])
                  .map((li) => li.innerText);""", event);
    }

    private String attr(String testid, String name) {
        return browser.js("const e = document.querySelector(\"[data-testid='\" + arguments[0] + \"']\");"
                + " return e ? e.getAttribute(arguments[1]) : null;", testid, name);
    }

    private List<WebElement> receiptImages() {
        return browser.all(By.cssSelector("[data-testid='sim-receipts'] img"));
    }

    private void assertNoPersonalData() {
        String source = browser.driver().getPageSource();
        String text = browser.js("return document.body.innerText;");
        for (String s : SAMPLE_CARD_TEXT) {
            assertFalse(source.contains(s) || text.contains(s), "the page shows '" + s + "' from the card");
        }
        assertFalse(ID_NUMBER.matcher(text).find(), "an ID number on the page: " + text);
    }
}
