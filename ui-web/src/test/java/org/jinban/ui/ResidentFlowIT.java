package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.WebElement;

/** A resident finds 老年人优待证办理 by tapping "lnr" on the on-screen keyboard and reads everything about it. */
@ExtendWith(ScreenshotOnFailure.class)
class ResidentFlowIT {
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
    void searchByPinyinInitialsAndReadTheWholeItem() {
        String code = kiosk.firstCode("lnr");
        JsonNode item = kiosk.item(code, "zh-CN");
        assertEquals("老年人优待证办理", item.get("name").asText(), "demo catalog: lnr finds the senior card first");

        page.openHome();
        assertEquals("zh-CN", page.htmlLang());
        assertEquals(KioskFixture.STATION_ZH, page.text("station-name"));
        assertEquals("就近办事项", browser.visible("tile-catalog").findElement(By.cssSelector(".tile-title")).getText());
        browser.screenshot("01-home");

        page.openCatalog();
        assertEquals("", page.searchText());
        browser.screenshot("02-catalog");

        page.typeOnKeys("lnr");
        assertEquals("lnr", page.searchText(), "three taps on l, n, r type 'lnr'");
        browser.tap("key-search");
        List<String> codes = page.waitForResults("lnr");
        assertEquals(resultCodesFromApi("lnr"), codes, "the page lists what the API finds, in its order");
        assertEquals(code, codes.getFirst());
        assertEquals("老年人优待证办理", page.resultName(code));
        assertTrue(page.text("result-count").contains(String.valueOf(codes.size())), page.text("result-count"));
        browser.screenshot("03-search-lnr");

        page.openItem(code);
        browser.screenshot("04-item");
        assertItemShowsEverything(item);

        browser.tap("btn-back");
        page.waitForScreen("catalog");
        assertEquals("lnr", page.searchText(), "Back returns to the same search");
        assertEquals(codes, page.waitForResults("lnr"));
    }

    private List<String> resultCodesFromApi(String q) {
        List<String> codes = new ArrayList<>();
        kiosk.search(q, "zh-CN").get("items").forEach(it -> codes.add(it.get("code").asText()));
        return codes;
    }

    private void assertItemShowsEverything(JsonNode item) {
        WebElement name = browser.visible("item-name");
        String channels = page.text("item-channels");
        String evidence = page.text("item-evidence");
        List<String> steps = browser.visible("item-steps").findElements(By.cssSelector(".step-text"))
                .stream().map(WebElement::getText).toList();
        List<String> expectedSteps = new ArrayList<>();
        item.get("steps").forEach(s -> expectedSteps.add(s.asText()));
        JsonNode online = item.get("online");

        assertAll(
                () -> assertEquals(item.get("name").asText(), name.getText()),
                () -> assertEquals(0L, (Long) browser.js("return arguments[0].childElementCount;", name),
                        "the name is a text node, not markup"),
                () -> assertTrue(channels.startsWith("办理地点和时间"), channels),
                () -> item.get("channels").forEach(c -> {
                    assertTrue(channels.contains(c.get("place").asText()), "place " + c + " in " + channels);
                    assertTrue(channels.contains("地址：" + c.get("address").asText()), "address " + c + " in " + channels);
                    assertTrue(channels.contains("时间：" + c.get("hours").asText()), "hours " + c + " in " + channels);
                }),
                () -> assertEquals("承办部门\n" + item.get("department").get("name").asText(), page.text("item-department")),
                () -> assertEquals("办理层级\n" + item.get("handlingLevelText").asText(), page.text("item-level")),
                () -> assertTrue(evidence.startsWith("所需材料"), evidence),
                () -> assertEquals(item.get("requiredEvidence").size(),
                        browser.all(By.cssSelector("[data-testid='item-evidence'] li.evidence")).size()),
                () -> item.get("requiredEvidence").forEach(ev ->
                        assertTrue(evidence.contains(ev.get("name").asText()), ev + " in " + evidence)),
                () -> assertTrue(evidence.contains("原件"), evidence),
                () -> assertTrue(page.text("item-steps").startsWith("办理流程"), page.text("item-steps")),
                () -> assertEquals(expectedSteps, steps),
                () -> assertEquals("收费\n" + item.get("cost").get("text").asText(), page.text("item-cost")),
                () -> assertEquals("免费", item.get("cost").get("text").asText()),
                () -> assertEquals("承诺时限\n" + item.get("processingTime").get("text").asText(), page.text("item-time")),
                () -> assertEquals("帮办代办\n可以。服务站工作人员可以帮您办理。", page.text("item-proxy")),
                () -> assertTrue(online.get("available").asBoolean()),
                () -> assertEquals("网上办理\n可以。在“" + online.get("channel").asText() + "”上办理。", page.text("item-online")),
                () -> assertFalse(page.text("item-detail").contains("（未提供）"), "no section is left empty"),
                () -> assertEquals(0L, (Long) browser.js("""
                        return [...arguments[0].querySelectorAll('.item-text, .channel-place, .evidence-name, .evidence-note, .step-text')]
                          .filter((el) => el.querySelector('*:not(svg):not(svg *)') && !el.querySelector('.label')).length;""",
                        browser.visible("item-detail")), "catalog text is inserted as text"),
                () -> assertTrue(browser.present("btn-back")));
    }
}
