package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jinban.ui.testing.KioskFixture;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** 中文 / English: the page's own words and the catalog's texts both switch, and switch back. */
@ExtendWith(ScreenshotOnFailure.class)
class LanguageSwitchIT {
    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    @Test
    void englishAndBack() {
        String code = session.kiosk().firstCode("lnr");
        String nameZh = session.kiosk().item(code, "zh-CN").get("name").asText();
        String nameEn = session.kiosk().item(code, "en").get("name").asText();
        assertTrue(nameEn.startsWith("Senior citizen privilege card"), nameEn);

        session.page().openHome();
        assertEquals("zh-CN", session.page().htmlLang());
        session.page().switchLanguage("en");
        assertAll(
                () -> assertEquals("Home", session.page().text("btn-home")),
                () -> assertEquals(KioskFixture.STATION_EN, session.page().text("station-name")),
                () -> assertEquals("Services nearby",
                        session.browser().visible("tile-catalog").findElement(By.cssSelector(".tile-title")).getText()),
                () -> assertEquals("Jinban", session.browser().driver().getTitle()),
                () -> assertEquals("true",
                        session.browser().js("return !!document.querySelector('.lang-opt.is-on[lang=en]');").toString()));

        session.page().openCatalog();
        assertEquals("Type what you need", session.browser().visible("search-input").getDomAttribute("placeholder"));
        assertEquals("Search", session.page().text("key-search"));
        session.page().typeOnKeys("lnr");
        session.page().waitForResults("Results for “lnr”");
        assertEquals(code, session.page().resultCodes().getFirst());
        assertEquals(nameEn, session.page().resultName(code));
        assertTrue(session.page().text("result-count").endsWith("services found"), session.page().text("result-count"));

        session.page().openItem(code);
        assertAll(
                () -> assertEquals(nameEn, session.page().text("item-name")),
                () -> assertTrue(session.page().text("item-channels").startsWith("Where and when"), session.page().text("item-channels")),
                () -> assertTrue(session.page().text("item-department").startsWith("Department\nShouguang"),
                        session.page().text("item-department")),
                () -> assertEquals("Fee\nFree", session.page().text("item-cost")),
                () -> assertEquals("Staff help\nYes. Station staff can do it for you.", session.page().text("item-proxy")),
                () -> assertEquals("Back", session.page().text("btn-back")),
                () -> assertFalse(hasHanzi(session.page().text("item-detail")),
                        "no Chinese left in the English item: " + session.page().text("item-detail")));
        session.browser().screenshot("05-english");

        session.page().switchLanguage("zh-CN");
        session.page().waitForItem(code);
        session.browser().waitUntil("the Chinese item name", d -> nameZh.equals(session.page().text("item-name")));
        assertAll(
                () -> assertEquals("回首页", session.page().text("btn-home")),
                () -> assertTrue(session.page().text("item-channels").startsWith("办理地点和时间"), session.page().text("item-channels")),
                () -> assertEquals("收费\n免费", session.page().text("item-cost")),
                () -> assertEquals("返回", session.page().text("btn-back")),
                () -> assertEquals("就近办", session.browser().driver().getTitle()));
        session.browser().screenshot("05b-back-to-chinese");

        session.browser().tap("btn-back");
        session.page().waitForScreen("catalog");
        session.page().waitForResults("“lnr”的查找结果");
        assertEquals(nameZh, session.page().resultName(code), "the results come back in Chinese too");
    }

    private static boolean hasHanzi(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
