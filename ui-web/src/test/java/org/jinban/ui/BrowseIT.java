package org.jinban.ui;

import static org.jinban.ui.testing.Browser.testId;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Browsing without typing: by department and by life event, each listing exactly that group's items. */
@ExtendWith(ScreenshotOnFailure.class)
class BrowseIT {
    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    @BeforeEach
    void openCatalog() {
        session.page().openHome();
        session.page().openCatalog();
    }

    @Test
    void byDepartment() {
        JsonNode departments = session.kiosk().api("/catalog/departments?lang=zh-CN", "zh-CN").get("departments");
        session.browser().tap("tab-departments");
        assertEquals("true", session.browser().visible("tab-departments").getDomAttribute("aria-selected"));
        assertEquals("false", session.browser().visible("tab-life-events").getDomAttribute("aria-selected"));
        assertEntriesMatch(departments, "dept-");
        session.browser().screenshot("08-departments");

        JsonNode biggest = biggest(departments);
        String code = biggest.get("code").asText();
        String name = biggest.get("name").asText();
        session.browser().tap("dept-" + code);
        List<String> shown = showsExactlyTheGroup("department", code, "部门：" + name);
        for (String item : shown) {
            assertEquals(name, session.browser().driver().findElement(testId("result-" + item))
                    .findElement(By.cssSelector(".meta-dept")).getText(), item + " belongs to " + name);
        }
        session.browser().screenshot("08b-department-items");
    }

    @Test
    void byLifeEvent() {
        JsonNode events = session.kiosk().api("/catalog/life-events?lang=zh-CN", "zh-CN").get("lifeEvents");
        // The life event of 老年人优待证办理 ("old age" in the demo catalog).
        String seniorCard = session.kiosk().firstCode("lnr");
        JsonNode event = session.kiosk().item(seniorCard, "zh-CN").get("lifeEvents").get(0);
        String code = event.get("code").asText();

        session.browser().tap("tab-life-events");
        session.browser().waitUntil("the life-event tab selected",
                d -> "true".equals(d.findElement(testId("tab-life-events")).getDomAttribute("aria-selected")));
        assertEquals("false", session.browser().visible("tab-departments").getDomAttribute("aria-selected"));
        session.browser().visible("event-" + code);
        assertEntriesMatch(events, "event-");
        session.browser().screenshot("09-life-events");

        session.browser().tap("event-" + code);
        List<String> shown = showsExactlyTheGroup("lifeEvent", code, "人生事件：" + event.get("name").asText());
        assertTrue(shown.contains(seniorCard), "the senior card is listed under " + code + ": " + shown);
        session.browser().screenshot("09b-life-event-items");

        session.browser().tap("btn-browse-back");
        session.browser().visible("event-" + code);
        assertEquals("true", session.browser().visible("tab-life-events").getDomAttribute("aria-selected"),
                "'Back to categories' returns to the life-event tab");
    }

    /** Every group of the API is an entry, with its name and its number of items. */
    private void assertEntriesMatch(JsonNode groups, String prefix) {
        List<WebElement> entries = session.browser().all(By.cssSelector("[data-testid^='" + prefix + "']"));
        assertEquals(groups.size(), entries.size(), "one entry per group");
        assertAll(java.util.stream.StreamSupport.stream(groups.spliterator(), false).map(g -> () -> {
            WebElement entry = session.browser().driver().findElement(testId(prefix + g.get("code").asText()));
            assertEquals(g.get("name").asText(), entry.findElement(By.cssSelector(".entry-name")).getText());
            assertEquals(g.get("itemCount").asInt() + " 项", entry.findElement(By.cssSelector(".entry-count")).getText());
        }));
    }

    /** The results are the group's items, as many as the API says, in the API's order. */
    private List<String> showsExactlyTheGroup(String param, String code, String heading) {
        List<String> expected = session.kiosk().groupCodes(param, code);
        assertTrue(expected.size() > 1, "a group worth browsing: " + expected);
        session.page().waitForScreen("catalog");
        session.page().waitForResults(heading);
        assertEquals(heading, session.page().resultsHeading());
        assertEquals(expected.size(), firstNumber(session.page().text("result-count")), session.page().text("result-count"));
        List<String> shown = session.page().loadAllResults();
        assertEquals(expected, shown);
        assertEquals("", session.page().searchText(), "browsing types nothing into the search box");
        return shown;
    }

    private static JsonNode biggest(JsonNode groups) {
        List<JsonNode> list = new ArrayList<>();
        groups.forEach(list::add);
        return list.stream().max((a, b) -> Integer.compare(a.get("itemCount").asInt(), b.get("itemCount").asInt()))
                .orElseThrow();
    }

    private static int firstNumber(String text) {
        Matcher m = Pattern.compile("\\d+").matcher(text);
        assertTrue(m.find(), "a number in '" + text + "'");
        return Integer.parseInt(m.group());
    }
}
