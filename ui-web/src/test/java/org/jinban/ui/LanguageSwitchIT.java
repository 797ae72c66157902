package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.jinban.ui.testing.Browser;
import org.jinban.ui.testing.Cleanup;
import org.jinban.ui.testing.KioskFixture;
import org.jinban.ui.testing.KioskPage;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** 中文 / English: the page's own words and the catalog's texts both switch, and switch back. */
@ExtendWith(ScreenshotOnFailure.class)
class LanguageSwitchIT {
    @TempDir
    static Path dataDir;
    static KioskFixture kiosk;
    static Browser browser;
    static KioskPage page;

    @BeforeAll
    static void start() {
        kiosk = KioskFixture.start(dataDir);
        browser = Browser.start();
        page = new KioskPage(browser, kiosk);
    }

    @AfterAll
    static void stop() {
        Cleanup.closeAll(browser, kiosk);
    }

    @Test
    void englishAndBack() {
        String code = kiosk.firstCode("lnr");
        String nameZh = kiosk.item(code, "zh-CN").get("name").asText();
        String nameEn = kiosk.item(code, "en").get("name").asText();
        assertTrue(nameEn.startsWith("Senior citizen privilege card"), nameEn);

        page.openHome();
        assertEquals("zh-CN", page.htmlLang());
        page.switchLanguage("en");
        assertAll(
                () -> assertEquals("Home", page.text("btn-home")),
                () -> assertEquals(KioskFixture.STATION_EN, page.text("station-name")),
                () -> assertEquals("Services nearby", browser.visible("tile-catalog").findElement(By.cssSelector(".tile-title")).getText()),
                () -> assertEquals("Jinban", browser.driver().getTitle()),
                () -> assertEquals("true", browser.js("return !!document.querySelector('.lang-opt.is-on[lang=en]');").toString()));

        page.openCatalog();
        assertEquals("Type what you need", browser.visible("search-input").getDomAttribute("placeholder"));
        assertEquals("Search", page.text("key-search"));
        page.typeOnKeys("lnr");
        page.waitForResults("Results for “lnr”");
        assertEquals(code, page.resultCodes().getFirst());
        assertEquals(nameEn, page.resultName(code));
        assertTrue(page.text("result-count").endsWith("services found"), page.text("result-count"));

        page.openItem(code);
        assertAll(
                () -> assertEquals(nameEn, page.text("item-name")),
                () -> assertTrue(page.text("item-channels").startsWith("Where and when"), page.text("item-channels")),
                () -> assertTrue(page.text("item-department").startsWith("Department\nShouguang"), page.text("item-department")),
                () -> assertEquals("Fee\nFree", page.text("item-cost")),
                () -> assertEquals("Staff help\nYes. Station staff can do it for you.", page.text("item-proxy")),
                () -> assertEquals("Back", page.text("btn-back")),
                () -> assertFalse(hasHanzi(page.text("item-detail")), "no Chinese left in the English item: " + page.text("item-detail")));
        browser.screenshot("05-english");

        page.switchLanguage("zh-CN");
        page.waitForItem(code);
        browser.waitUntil("the Chinese item name", d -> nameZh.equals(page.text("item-name")));
        assertAll(
                () -> assertEquals("回首页", page.text("btn-home")),
                () -> assertTrue(page.text("item-channels").startsWith("办理地点和时间"), page.text("item-channels")),
                () -> assertEquals("收费\n免费", page.text("item-cost")),
                () -> assertEquals("返回", page.text("btn-back")),
                () -> assertEquals("就近办", browser.driver().getTitle()));
        browser.screenshot("05b-back-to-chinese");

        browser.tap("btn-back");
        page.waitForScreen("catalog");
        page.waitForResults("“lnr”的查找结果");
        assertEquals(nameZh, page.resultName(code), "the results come back in Chinese too");
    }

    private static boolean hasHanzi(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
