package org.jinban.ui;

import static org.jinban.ui.testing.Browser.testId;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Whatever is typed, the resident sees results, "nothing found" or an error in plain words:
 * never markup made from the text, never a JavaScript alert, never a stack trace.
 */
@ExtendWith(ScreenshotOnFailure.class)
class HostileSearchIT {
    /** What a stack trace or a leaked internal error looks like. */
    static final Pattern TECHNICAL = Pattern.compile(
            "(?i)exception|stack ?trace|traceback|\\bat [\\w$.]+\\(|\\.java:\\d|\\.js:\\d|TypeError|ReferenceError|SyntaxError"
                    + "|sqlite|SQL (error|syntax)|fts5|\\bundefined\\b|\\bNaN\\b|\\[object |\\bnull\\b|internal server error");

    /** The kiosk's longest query (docs/api.md); the search box stops there. */
    static final int MAX_QUERY = 100;

    @RegisterExtension
    static final KioskSession session = KioskSession.standard();
    static String seniorCard;

    @BeforeAll
    static void start() {
        seniorCard = session.kiosk().firstCode("lnr");
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("img-onerror", "<img src=x onerror=alert(1)>"),
                Arguments.of("quote", "\""),
                Arguments.of("fts-near", "NEAR("),
                Arguments.of("sql-or", "老年人\" OR \"1\"=\"1"),
                Arguments.of("fts-operators", "* AND OR NOT ^ -"),
                Arguments.of("script-tag", "</script><script>alert(2)</script>"),
                Arguments.of("emoji", "👴🏻🧓 医保 💳"),
                Arguments.of("ten-words", "a b c d e f g h i j"),
                Arguments.of("150-chars", "老年人优待证".repeat(25)));
    }

    @BeforeEach
    void openCatalog() {
        session.page().openHome();
        session.page().openCatalog();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void showsResultsNothingOrPlainWords(String label, String text) {
        WebElement input = session.browser().visible("search-input");
        // The box takes at most the kiosk's 100 characters; past that, typing stops (no error).
        String kept = text.length() > MAX_QUERY ? text.substring(0, MAX_QUERY) : text;
        type(input, text, kept);
        assertEquals(kept, session.page().searchText(), "the box holds what was typed, up to the limit");
        session.browser().tap("key-search");
        session.page().waitForResults(kept.trim());

        assertFalse(session.browser().alertOpen(), "a JavaScript alert opened for " + text);
        Map<String, Object> dom = session.browser().js("""
                return {
                  markup: document.querySelectorAll('img, iframe, object, embed, svg image').length,
                  scripts: document.scripts.length,
                  heading: document.querySelector('.results-pane .pane-title').textContent,
                  rows: document.querySelectorAll("[data-testid='results'] .result-list li").length,
                  empty: document.querySelectorAll("[data-testid='results-empty']").length,
                  error: document.querySelectorAll("[data-testid='results'] [data-testid='error']").length,
                  errorText: (document.querySelector("[data-testid='results'] [data-testid='error']") || {}).innerText || '',
                  page: document.body.innerText,
                };""");
        String state = ((Number) dom.get("rows")).intValue() > 0 ? "results"
                : ((Number) dom.get("empty")).intValue() > 0 ? "empty"
                : ((Number) dom.get("error")).intValue() > 0 ? "error" : "nothing";
        session.browser().screenshot("11-hostile-" + label + "-" + state);
        String pageText = (String) dom.get("page");
        assertAll(
                () -> assertEquals(0L, dom.get("markup"), "no element made from the typed text"),
                () -> assertEquals(1L, dom.get("scripts"), "no script added (only js/app.js)"),
                () -> assertTrue(((String) dom.get("heading")).contains(kept.trim()),
                        "the text is shown as text: " + dom.get("heading")),
                () -> assertTrue(!state.equals("nothing"), "results, 'nothing found' or an error"),
                () -> assertTrue(!state.equals("error") || !((String) dom.get("errorText")).isBlank(), "the error says something"),
                () -> assertFalse(TECHNICAL.matcher(pageText.replace(kept, "")).find(),
                        "technical words on screen: " + pageText),
                () -> assertEquals(seniorCard, session.kiosk().firstCode("lnr"), "the kiosk still answers"));
    }

    /** A physical keyboard for what it can type; characters beyond the BMP (emoji) arrive as an IME would insert them. */
    private static void type(WebElement input, String text, String expected) {
        session.browser().tap(input);
        if (text.codePoints().allMatch(Character::isBmpCodePoint)) {
            input.sendKeys(text);
        } else {
            ((ChromeDriver) session.browser().driver()).executeCdpCommand("Input.insertText", Map.of("text", text));
        }
        session.browser().waitUntil("the typed text in the search box",
                d -> expected.equals(d.findElement(testId("search-input")).getDomProperty("value")));
    }
}
