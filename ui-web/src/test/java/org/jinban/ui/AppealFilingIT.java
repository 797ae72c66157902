package org.jinban.ui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.ui.testing.AppealPage;
import org.jinban.ui.testing.FetchSpy;
import org.jinban.ui.testing.KioskFixture;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.jinban.ui.testing.Simulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A resident files an appeal step by step (我要反映诉求): category, a description typed with the
 * pinyin keyboard, a phone number, anonymous, the station's grid, the consent, and gets a
 * receipt that the (simulated) printer prints.
 */
@ExtendWith(ScreenshotOnFailure.class)
class AppealFilingIT {
    static final String TRACKING_NO = "\\d{12}-\\d{2}-\\d{6}-\\d{4}[0-9X]";

    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    @BeforeEach
    void fresh() {
        session.page().openHome();
        session.browser().waitUntil("the page's event stream is open",
                d -> "open".equals(session.browser().js("return document.documentElement.dataset.events;")));
    }

    @Test
    void residentFilesAnonymouslyWithAPhoneAndGetsAPrintedReceipt() {
        AppealPage appeals = session.appeals();
        Simulator sim = session.simulator();
        int printedBefore = sim.receipts().size();
        session.browser().screenshot("30-home-with-appeal-tiles");
        FetchSpy spy = new FetchSpy(session.browser()).install();

        appeals.open();
        assertEquals("第 1 步，共 6 步：选类别", appeals.stepText());
        session.browser().screenshot("31-appeal-domains");
        session.browser().tap("domain-SAFETY");
        session.browser().visible("matter-SAFETY-FIRE-EXIT");
        session.browser().screenshot("32-appeal-matters");
        session.browser().tap("matter-SAFETY-FIRE-EXIT");
        appeals.waitForStep("description");
        assertEquals("第 2 步，共 6 步：说事情", appeals.stepText());

        String phrase = appeals.tapPhrase(0);
        appeals.typeChinese("xiaoqu", "小区");
        String description = appeals.value("description");
        assertTrue(description.startsWith(phrase) && description.contains("小区"), description);
        assertEquals("已写 " + description.length() + " 字，最多 2000 字", appeals.count("description"));
        session.browser().screenshot("33-appeal-description");
        appeals.next();

        appeals.phone("13812345678");
        assertEquals("13812345678", appeals.value("phone"));
        session.browser().screenshot("34-appeal-phone");
        appeals.next();

        appeals.stayAnonymous();
        session.browser().screenshot("35-appeal-identity");
        appeals.next();

        appeals.waitForStep("place");
        String place = session.browser().visible("place-grid").getText();
        assertTrue(place.contains(KioskFixture.GRID_CODE) && place.contains(KioskFixture.STATION_ZH), place);
        assertEquals("true", session.browser().visible("place-grid").getDomAttribute("aria-checked"), "the station's grid by default");
        session.browser().screenshot("36-appeal-place");
        appeals.next();

        appeals.waitForStep("review");
        assertFalse(appeals.submitEnabled(), "nothing is sent before the consent is confirmed");
        assertAll(
                () -> assertEquals(description, session.browser().visible("review-description-text").getText()),
                () -> assertTrue(session.browser().visible("review-phone").getText().contains("13812345678")),
                () -> assertTrue(session.browser().visible("review-identity").getText().contains("不留姓名")));
        session.browser().screenshot("37-appeal-review");
        appeals.confirmConsent();
        assertTrue(appeals.submitEnabled());
        appeals.submit();

        String no = appeals.waitForReceipt();
        assertTrue(no.matches(TRACKING_NO), no);
        assertTrue(no.startsWith(KioskFixture.GRID_CODE + "-"), no);
        assertAll(
                () -> assertTrue(session.browser().visible("receipt-category").getText().contains("消防通道堵塞")),
                () -> assertTrue(session.browser().visible("receipt-station").getText().contains(KioskFixture.STATION_ZH)),
                () -> assertTrue(session.browser().visible("receipt-grid").getText().contains(KioskFixture.GRID_CODE)),
                () -> assertTrue(session.browser().visible("receipt-due").getText().contains("前办结")),
                () -> assertFalse(session.browser().visible("receipt-next").getText().isBlank()));
        appeals.waitForPrintState("PRINTED");
        session.browser().screenshot("38-appeal-receipt-printed");

        // What was sent: one filing, with the page's UUID, consent and no card.
        List<Map<String, Object>> posts = spy.calls("POST", "/api/v1/appeals");
        assertEquals(1, posts.size(), "one filing");
        JsonNode body = session.kiosk().json(String.valueOf(posts.getFirst().get("body")));
        assertAll(
                () -> assertTrue(body.path("id").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), body.toString()),
                () -> assertTrue(body.path("consent").asBoolean()),
                () -> assertTrue(body.path("cardToken").isNull()),
                () -> assertEquals("13812345678", body.path("phone").asText()),
                () -> assertEquals("SAFETY-FIRE-EXIT", body.path("category").asText()));

        // The simulated printer printed it, with the tracking number and a QR to look it up.
        Simulator.PrintedReceipt printed = sim.receiptOf(no).orElseThrow(() -> new AssertionError("no printed receipt for " + no));
        assertTrue(sim.receipts().size() > printedBefore);
        assertTrue(printed.mentions(no), printed.lines().toString());
        // A typed-in number shows nothing personal: only the status.
        JsonNode bare = session.kiosk().api("/appeals/" + no, "zh-CN");
        assertEquals("SUBMITTED", bare.path("status").asText());
        assertTrue(bare.path("description").isMissingNode() || bare.path("description").isNull(), bare.toString());

        // 完成: everything of the visit is forgotten; a new filing starts empty.
        appeals.done();
        session.page().waitForScreen("home");
        appeals.open();
        session.browser().tap("domain-SAFETY");
        session.browser().tap("matter-SAFETY-FIRE-EXIT");
        appeals.waitForStep("description");
        assertEquals("", appeals.value("description"), "the last resident's text is gone");
        assertNull(appeals.fieldError("description"));
    }
}
