package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.ui.testing.KioskFixture;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A resident finds 老年人优待证办理 by tapping "lnr" on the on-screen keyboard and reads everything about it. */
@ExtendWith(ScreenshotOnFailure.class)
class ResidentFlowIT {
    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    @Test
    void searchByPinyinInitialsAndReadTheWholeItem() {
        String code = session.kiosk().firstCode("lnr");
        JsonNode item = session.kiosk().item(code, "zh-CN");
        assertEquals("老年人优待证办理", item.get("name").asText(), "demo catalog: lnr finds the senior card first");

        session.page().openHome();
        assertEquals("zh-CN", session.page().htmlLang());
        assertEquals(KioskFixture.STATION_ZH, session.page().text("station-name"));
        assertEquals("就近办事项", session.browser().visible("tile-catalog").findElement(By.cssSelector(".tile-title")).getText());
        session.browser().screenshot("01-home");

        session.page().openCatalog();
        assertEquals("", session.page().searchText());
        session.browser().screenshot("02-catalog");

        session.page().typeOnKeys("lnr");
        assertEquals("lnr", session.page().searchText(), "three taps on l, n, r type 'lnr'");
        session.browser().tap("key-search");
        List<String> codes = session.page().waitForResults("lnr");
        assertEquals(resultCodesFromApi("lnr"), codes, "the page lists what the API finds, in its order");
        assertEquals(code, codes.getFirst());
        assertEquals("老年人优待证办理", session.page().resultName(code));
        assertTrue(session.page().text("result-count").contains(String.valueOf(codes.size())), session.page().text("result-count"));
        session.browser().screenshot("03-search-lnr");

        session.page().openItem(code);
        session.browser().screenshot("04-item");
        assertItemShowsEverything(item);

        session.browser().tap("btn-back");
        session.page().waitForScreen("catalog");
        assertEquals("lnr", session.page().searchText(), "Back returns to the same search");
        assertEquals(codes, session.page().waitForResults("lnr"));
    }

    private List<String> resultCodesFromApi(String q) {
        List<String> codes = new ArrayList<>();
        session.kiosk().search(q, "zh-CN").get("items").forEach(it -> codes.add(it.get("code").asText()));
        return codes;
    }

    private void assertItemShowsEverything(JsonNode item) {
        WebElement name = session.browser().visible("item-name");
        String channels = session.page().text("item-channels");
        String evidence = session.page().text("item-evidence");
        List<String> steps = session.browser().visible("item-steps").findElements(By.cssSelector(".step-text"))
                .stream().map(WebElement::getText).toList();
        List<String> expectedSteps = new ArrayList<>();
        item.get("steps").forEach(s -> expectedSteps.add(s.asText()));
        JsonNode online = item.get("online");

        assertAll(
                () -> assertEquals(item.get("name").asText(), name.getText()),
                () -> assertEquals(0L, (Long) session.browser().js("return arguments[0].childElementCount;", name),
                        "the name is a text node, not markup"),
                () -> assertTrue(channels.startsWith("办理地点和时间"), channels),
                () -> item.get("channels").forEach(c -> {
                    assertTrue(channels.contains(c.get("place").asText()), "place " + c + " in " + channels);
                    assertTrue(channels.contains("地址：" + c.get("address").asText()), "address " + c + " in " + channels);
                    assertTrue(channels.contains("时间：" + c.get("hours").asText()), "hours " + c + " in " + channels);
                }),
                () -> assertEquals("承办部门\n" + item.get("department").get("name").asText(), session.page().text("item-department")),
                () -> assertEquals("办理层级\n" + item.get("handlingLevelText").asText(), session.page().text("item-level")),
                () -> assertTrue(evidence.startsWith("所需材料"), evidence),
                () -> assertEquals(item.get("requiredEvidence").size(),
                        session.browser().all(By.cssSelector("[data-testid='item-evidence'] li.evidence")).size()),
                () -> item.get("requiredEvidence").forEach(ev ->
                        assertTrue(evidence.contains(ev.get("name").asText()), ev + " in " + evidence)),
                () -> assertTrue(evidence.contains("原件"), evidence),
                () -> assertTrue(session.page().text("item-steps").startsWith("办理流程"), session.page().text("item-steps")),
                () -> assertEquals(expectedSteps, steps),
                () -> assertEquals("收费\n" + item.get("cost").get("text").asText(), session.page().text("item-cost")),
                () -> assertEquals("免费", item.get("cost").get("text").asText()),
                () -> assertEquals("承诺时限\n" + item.get("processingTime").get("text").asText(), session.page().text("item-time")),
                () -> assertEquals("帮办代办\n可以。服务站工作人员可以帮您办理。", session.page().text("item-proxy")),
                () -> assertTrue(online.get("available").asBoolean()),
                () -> assertEquals("网上办理\n可以。在“" + online.get("channel").asText() + "”上办理。", session.page().text("item-online")),
                () -> assertFalse(session.page().text("item-detail").contains("（未提供）"), "no section is left empty"),
                () -> assertEquals(0L, (Long) session.browser().js("""
                        return [...arguments[0].querySelectorAll('.item-text, .channel-place, .evidence-name, .evidence-note, .step-text')]
                          .filter((el) => el.querySelector('*:not(svg):not(svg *)') && !el.querySelector('.label')).length;""",
                        session.browser().visible("item-detail")), "catalog text is inserted as text"),
                () -> assertTrue(session.browser().present("btn-back")));
    }
}
