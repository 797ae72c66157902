package org.jinban.ui;

import static org.jinban.ui.testing.Browser.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.jinban.ui.testing.Browser;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The text keyboard of js/ime.js, mounted on the real page under a textarea, typed on with
 * finger taps against a real kiosk: pinyin and its candidates, backspace, 中/英, the phone
 * keypad, and letters typed as they are when no candidate can be had.
 */
@ExtendWith(ScreenshotOnFailure.class)
class ImeKeyboardIT {
    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    /**
     * Puts a textarea and the keyboard where the screen's content is, and wires the keyboard to
     * the textarea as a screen would: text goes in at the caret, backspace deletes before it.
     */
    private static final String MOUNT = """
            const [mode, elder] = arguments;
            return import('/js/ime.js').then(({ createTextKeyboard }) => {
              document.documentElement.classList.toggle('elder', elder);
              document.getElementById('app').hidden = true;
              const box = document.createElement('section');
              box.setAttribute('data-testid', 'ime-box');
              box.style.cssText = 'flex: 1 1 auto; overflow-y: auto; padding: 1rem; display: grid; gap: 1rem; align-content: start';
              const ta = document.createElement('textarea');
              ta.setAttribute('data-testid', 'ime-target');
              ta.rows = 3;
              ta.style.cssText = 'font: inherit; font-size: 1.4rem; padding: 0.5rem; user-select: text';
              window.__imeDone = 0;
              const kb = createTextKeyboard({
                mode,
                onText: (text) => {
                  const a = ta.selectionStart, b = ta.selectionEnd;
                  ta.value = ta.value.slice(0, a) + text + ta.value.slice(b);
                  ta.selectionStart = ta.selectionEnd = a + text.length;
                },
                onBackspace: () => {
                  const a = ta.selectionStart, b = ta.selectionEnd;
                  const from = a === b ? Math.max(0, a - 1) : a;
                  ta.value = ta.value.slice(0, from) + ta.value.slice(b);
                  ta.selectionStart = ta.selectionEnd = from;
                },
                onDone: () => { window.__imeDone += 1; },
              });
              box.append(ta, kb.el);
              document.body.append(box);
              window.__ime = kb;
              ta.focus();
              return true;
            });""";

    @BeforeAll
    static void waitForTheLexicon() {
        // the kiosk loads it in the background right after it starts
        session.browser().waitUntil("the IME lexicon loaded", Duration.ofSeconds(20), d -> {
            try {
                session.kiosk().api("/ime/candidates?pinyin=a", "zh-CN");
                return true;
            } catch (AssertionError notYet) {
                return null;
            }
        });
    }

    private static Browser browser() {
        return session.browser();
    }

    private static void mount(String mode) {
        mount(mode, false);
    }

    private static void mount(String mode, boolean elder) {
        session.page().openHome();
        assertEquals(Boolean.TRUE, browser().js(MOUNT, mode, elder));
        browser().visible("ime");
    }

    private static void tapKeys(String keys) {
        for (char c : keys.toCharArray()) {
            browser().tap("ime-key-" + c);
        }
    }

    private static String target() {
        return browser().driver().findElement(testId("ime-target")).getDomProperty("value");
    }

    private static String composition() {
        List<WebElement> strip = browser().all(testId("ime-composition"));
        return strip.isEmpty() ? "" : strip.getFirst().getDomAttribute("data-letters");
    }

    /** Waits until the candidate bar shows the answer for {@code letters}; returns its state (ready, none, failed). */
    private static String candidatesFor(String letters) {
        // read in one go: the bar is built again when the answer comes
        return browser().waitUntil("the candidates of '" + letters + "'", d -> browser().js("""
                const bar = document.querySelector("[data-testid='ime-candidates']");
                return bar && bar.dataset.for === arguments[0] && bar.dataset.state !== 'loading'
                  ? bar.dataset.state : null;""", letters));
    }

    private static List<String> candidateTexts() {
        return browser().js("""
                return [...document.querySelectorAll("[data-testid='ime-candidates'] .ime-cand")]
                  .map((c) => c.dataset.text);""");
    }

    private static void tapCandidate(String text) {
        WebElement c = browser().waitUntil("candidate " + text, d -> d.findElements(
                By.cssSelector("[data-testid='ime-candidates'] .ime-cand[data-text='" + text + "']:not([disabled])"))
                .stream().findFirst().orElse(null));
        browser().tap(c);
    }

    private static void assertFocusStaysInTheTextarea() {
        assertEquals("ime-target", browser().js("return document.activeElement.getAttribute('data-testid');"),
                "the keys keep the focus (and caret) in the textarea");
    }

    @Test
    void typesChineseByPickingCandidates() {
        mount("pinyin");
        assertEquals("点字母拼音，再点下面的字", browser().visible("ime-composition-empty").getText());
        tapKeys("woyaotousu");
        assertEquals("woyaotousu", composition());
        assertEquals("ready", candidatesFor("woyaotousu"));
        List<String> offered = candidateTexts();
        assertEquals("我要投诉", offered.getFirst(), offered.toString());
        assertTrue(offered.contains("我要"), offered.toString());
        browser().screenshot("ime-pinyin");

        tapCandidate("我要");
        assertEquals("我要", target());
        assertEquals("tousu", composition(), "我要 stands for 'woyao'; the rest stays");
        assertEquals("ready", candidatesFor("tousu"));
        tapCandidate("投诉");
        assertEquals("我要投诉", target());
        assertEquals("", composition());
        browser().visible("ime-composition-empty");
        assertFocusStaysInTheTextarea();

        // punctuation and digits end a composition with its whole-word candidate
        tapKeys("xiaoqu");
        assertEquals("ready", candidatesFor("xiaoqu"));
        browser().tap("ime-key-comma");
        assertTrue(target().matches("我要投诉(小区|校区)，"), target());
        browser().tap("ime-key-3");
        browser().tap("ime-key-period");
        assertTrue(target().endsWith("，3。"), target());
    }

    @Test
    void spaceTypesTheFirstCandidateEvenBeforeItIsShown() {
        mount("pinyin");
        tapKeys("tousu");
        browser().tap("ime-key-space"); // at once: the keyboard asks for the candidates and waits
        browser().waitUntil("投诉 typed", d -> target().equals("投诉") ? true : null);
        assertEquals("", composition());
        browser().tap("ime-key-space");
        assertEquals("投诉 ", target(), "with nothing composed, space is a space");

        tapKeys("shenqing");
        assertEquals("ready", candidatesFor("shenqing"));
        browser().tap("ime-key-done");
        browser().waitUntil("Done", d -> Long.valueOf(1).equals(browser().js("return window.__imeDone;")) ? true : null);
        assertEquals("投诉 申请", target(), "Done ends the composition with its whole-word candidate first");
    }

    @Test
    void backspaceDeletesALetterOrWhatIsTyped() {
        mount("pinyin");
        tapKeys("ab");
        browser().tap("ime-key-space");
        browser().waitUntil("something typed for 'ab'", d -> target().isEmpty() ? null : true);
        String typed = target();

        tapKeys("shenq");
        browser().tap("ime-key-backspace");
        assertEquals("shen", composition(), "with letters composed, backspace deletes the last letter");
        assertEquals(typed, target());
        assertEquals("ready", candidatesFor("shen"));
        tapKeys("ggg");
        for (int i = 0; i < 7; i++) {
            browser().tap("ime-key-backspace");
        }
        assertEquals("", composition());
        assertEquals(typed, target(), "deleting letters never touches the textarea");
        browser().tap("ime-key-backspace");
        assertEquals(typed.substring(0, typed.length() - 1), target(), "with nothing composed, backspace deletes text");
        assertFocusStaysInTheTextarea();
    }

    @Test
    void theLanguageKeyTypesEnglishLettersStraightThrough() {
        mount("pinyin");
        WebElement lang = browser().visible("ime-key-lang");
        assertEquals("false", lang.getDomAttribute("aria-pressed"));
        tapKeys("wuye");
        assertEquals("ready", candidatesFor("wuye"));
        browser().tap("ime-key-lang"); // the composition ends with its first whole-word candidate
        browser().waitUntil("English on", d -> "true".equals(
                d.findElement(testId("ime-key-lang")).getDomAttribute("aria-pressed")) ? true : null);
        assertEquals("物业", target());
        tapKeys("ok");
        assertEquals("物业ok", target(), "English letters go straight into the text");
        assertFalse(browser().present("ime-candidates"), "no candidates in English");
        assertEquals("", composition());
        browser().tap("ime-key-backspace");
        assertEquals("物业o", target());

        browser().tap("ime-key-lang");
        browser().waitUntil("Chinese again", d -> "false".equals(
                d.findElement(testId("ime-key-lang")).getDomAttribute("aria-pressed")) ? true : null);
        tapKeys("ni");
        assertEquals("ni", composition());
        assertEquals("物业o", target());
        assertFocusStaysInTheTextarea();
    }

    @Test
    void digitsModeTypesAPhoneNumber() {
        mount("digits");
        assertFalse(browser().present("ime-key-q"), "no letters on the keypad");
        tapKeys("13812345678");
        assertEquals("13812345678", target());
        browser().screenshot("ime-digits");
        browser().tap("ime-key-backspace");
        assertEquals("1381234567", target());
        browser().tap("ime-key-dash");
        tapKeys("9");
        assertEquals("1381234567-9", target());
        assertFocusStaysInTheTextarea();

        // the screen switches the keys for the next field
        browser().js("window.__ime.setMode('pinyin');");
        browser().visible("ime-key-q");
        tapKeys("a");
        assertEquals("a", composition());
        browser().js("window.__ime.setMode('digits');");
        assertEquals("1381234567-9a", target(), "letters being composed are typed as they are on a mode change");
    }

    @Test
    void lettersWithoutCandidatesCanStillBeTyped() {
        mount("pinyin");
        // letters that read as no syllable: no candidates, the letters can be typed as they are
        tapKeys("iii");
        assertEquals("none", candidatesFor("iii"));
        assertEquals("没有对应的字。点上面的字母可以直接输入。", browser().visible("ime-candidates-note").getText());
        browser().tap("ime-composition");
        assertEquals("iii", target());
        tapKeys("uu");
        browser().tap("ime-key-space");
        browser().waitUntil("'uu' typed", d -> target().equals("iiiuu") ? true : null);

        // the kiosk cannot be reached: the same
        browser().js("""
                window.__fetch = window.fetch;
                window.fetch = (url, init) => String(url).includes('/api/v1/ime/')
                  ? Promise.reject(new TypeError('Failed to fetch')) : window.__fetch(url, init);""");
        try {
            tapKeys("tousu");
            assertEquals("failed", candidatesFor("tousu"));
            assertEquals("暂时查不到字。点上面的字母可以直接输入。", browser().visible("ime-candidates-note").getText());
            browser().screenshot("ime-pinyin-offline");
            browser().tap("ime-composition");
            assertEquals("iiiuutousu", target());
            tapKeys("xian");
            browser().tap("ime-key-space");
            browser().waitUntil("'xian' typed", d -> target().endsWith("xian") ? true : null);
        } finally {
            browser().js("window.fetch = window.__fetch;");
        }
        tapKeys("tousu");
        assertEquals("ready", candidatesFor("tousu"), "back as soon as the kiosk answers again");
    }

    /**
     * No key moves while candidates come and go: a key that moves between a resident's look and
     * tap takes the tap on another key, or loses it. In elderly mode four candidates at double
     * size wrap to a second row, which pushed the keys down by 111 px.
     */
    @Test
    void theKeysStayPutWhileCandidatesCome() {
        for (boolean elder : List.of(false, true)) {
            mount("pinyin", elder);
            String where = elder ? " (elderly mode)" : "";
            Object before = keyTops();
            String typed = "";
            for (char c : "shenqing".toCharArray()) {
                browser().tap("ime-key-" + c);
                typed += c;
                candidatesFor(typed);
                assertEquals(before, keyTops(), "after '" + typed + "' and its candidates" + where);
            }
        }
    }

    /**
     * Where a key of each row and the backspace are, in CSS pixels from the top: keys not typed
     * here, as a tapped key sinks a little while it is pressed.
     */
    private static Object keyTops() {
        return browser().js("""
                return ['ime-key-1', 'ime-key-p', 'ime-key-a', 'ime-key-z', 'ime-key-backspace'].map((id) =>
                  Math.round(document.querySelector(`[data-testid='${id}']`).getBoundingClientRect().top));""");
    }

    @Test
    void everyKeyIsBigEnoughInBothModesAndInElderlyMode() {
        for (boolean elder : List.of(false, true)) {
            for (String mode : List.of("pinyin", "digits")) {
                mount(mode, elder);
                if (mode.equals("pinyin")) {
                    tapKeys("shenqing");
                    candidatesFor("shenqing");
                }
                String where = mode + (elder ? " (elderly mode)" : "");
                assertTrue(session.layout().interactiveCount() >= 12, where);
                assertEquals(List.of(), session.layout().smallTargets(TouchTargetsIT.MIN_TARGET), where);
                if (elder && mode.equals("pinyin")) {
                    browser().screenshot("ime-pinyin-elder");
                }
            }
        }
    }
}
