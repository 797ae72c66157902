package org.jinban.ui;

import static org.jinban.ui.testing.Browser.testId;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jinban.ui.testing.AppealPage;
import org.jinban.ui.testing.KioskSession;
import org.jinban.ui.testing.LookupPage;
import org.jinban.ui.testing.ScreenshotOnFailure;
import org.jinban.ui.testing.Simulator;
import org.jinban.ui.testing.Simulator.StatusChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 查询办理进度: the receipt's QR code scanned at the kiosk shows the appeal; once the central
 * platform has resolved it, the resident rates it, and a poor rating promises a call-back.
 * An ID card lists the appeals filed in the holder's name.
 */
@ExtendWith(ScreenshotOnFailure.class)
class AppealLookupIT {
    @RegisterExtension
    static final KioskSession session = KioskSession.standard();

    @BeforeEach
    void fresh() {
        session.simulator().removeCardAndWait();
        session.page().openHome();
        session.browser().waitUntil("the page's event stream is open",
                d -> "open".equals(session.browser().js("return document.documentElement.dataset.events;")));
    }

    @Test
    void scannedReceiptShowsProgressAndTheResidentRatesIt() {
        AppealPage appeals = session.appeals();
        LookupPage lookup = session.lookup();
        Simulator sim = session.simulator();
        String no = appeals.fileQuickly("SAFETY", "SAFETY-FIRE-EXIT", "13812345678");
        appeals.waitForPrintState("PRINTED");
        String qr = sim.receiptOf(no).orElseThrow().qr().stream()
                .filter(q -> q.startsWith("JB1:")).findFirst().orElseThrow();
        appeals.done();
        session.page().waitForScreen("home");

        lookup.open();
        session.browser().screenshot("40-lookup");
        sim.scan("https://example.com/not-a-receipt");
        assertTrue(lookup.waitForMessage().contains("这不是诉求回执上的二维码"));
        session.browser().screenshot("41-lookup-not-a-receipt");

        sim.scan(qr);
        assertEquals("SUBMITTED", lookup.waitForDetail(no));
        assertAll(
                () -> assertEquals("已提交", lookup.statusText()),
                () -> assertEquals("current", lookup.timelineState("SUBMITTED")),
                () -> assertEquals("todo", lookup.timelineState("RESOLVED")),
                () -> assertTrue(session.browser().visible("warning").getText().contains("蓝色"), "the colour in words"),
                () -> assertTrue(session.browser().visible("detail-phone").getText().contains("138****5678"), "the phone masked"),
                () -> assertFalse(session.browser().present("rate-panel"), "nothing to rate yet"));
        session.browser().screenshot("42-lookup-detail-submitted");

        sim.moveAppeal(no, StatusChange.to("DISPATCHED").handlingLevel("STREET").department("圣城街道城管办"));
        sim.moveAppeal(no, StatusChange.to("RESOLVED").reply("楼道杂物已清理，消防通道已畅通。"));
        sim.scan(qr); // the resident scans again
        session.browser().waitUntil("the detail resolved", d -> "RESOLVED".equals(lookup.waitForDetail(no)));
        assertAll(
                () -> assertEquals("已办结", lookup.statusText()),
                () -> assertEquals("done", lookup.timelineState("DISPATCHED")),
                () -> assertTrue(session.browser().visible("tl-DISPATCHED").getText().contains("乡镇（街道）")),
                () -> assertTrue(session.browser().visible("tl-DISPATCHED").getText().contains("圣城街道城管办")),
                () -> assertEquals(List.of("楼道杂物已清理，消防通道已畅通。"), lookup.replies()));
        session.browser().screenshot("43-lookup-detail-resolved");

        lookup.chooseRating("DISSATISFIED");
        session.appeals().typeChinese("mei", "没");
        String reason = session.appeals().value("rate-reason");
        assertFalse(reason.isBlank());
        session.browser().screenshot("44-lookup-rating");
        lookup.sendRating();
        String rated = lookup.waitForRated();
        assertTrue(rated.contains("不满意"), rated);
        assertTrue(session.browser().visible("follow-up").getText().contains("前给您打电话"), rated);
        session.browser().waitUntil("the appeal closed", d -> "CLOSED".equals(lookup.waitForDetail(no)));
        assertFalse(session.browser().present("rate-panel"), "rated once");
        session.browser().screenshot("45-lookup-rated");

        JsonNode bare = session.kiosk().api("/appeals/" + no, "zh-CN");
        assertEquals("CLOSED", bare.path("status").asText());
        lookup.back();
        session.browser().visible("way-scan");
    }

    @Test
    void anIdCardListsTheAppealsFiledInTheHoldersName() {
        AppealPage appeals = session.appeals();
        LookupPage lookup = session.lookup();
        Simulator sim = session.simulator();
        appeals.open();
        appeals.chooseMatter("ENVIRONMENT", "ENVIRONMENT-NOISE");
        appeals.tapPhrase(0);
        appeals.next();
        appeals.waitForStep("phone");
        session.browser().tap("btn-no-phone");
        appeals.waitForStep("identity");
        session.browser().tap("identity-card");
        // No card on the reader yet (the kiosk answers 409 no-card): said plainly, and it waits.
        String waiting = session.browser().visible("card-waiting").getText();
        assertTrue(waiting.contains("还没有读到身份证") && waiting.contains("放好后会自动读取"), waiting);
        session.browser().screenshot("47-appeal-card-waiting");
        sim.placeCard();
        String card = appeals.waitForCard();
        assertTrue(card.contains("*"), "masked: " + card);
        appeals.next();
        appeals.waitForStep("place");
        appeals.next();
        appeals.confirmConsent();
        appeals.submit();
        String no = appeals.waitForReceipt();
        appeals.done();
        session.page().waitForScreen("home");
        sim.removeCardAndWait();

        lookup.open();
        sim.placeCard();
        session.browser().waitUntil("the card holder's appeals",
                d -> !d.findElements(testId("appeal-" + no)).isEmpty());
        session.browser().screenshot("46-lookup-by-card");
        session.browser().tap("appeal-" + no);
        assertEquals("SUBMITTED", lookup.waitForDetail(no));
        assertTrue(session.browser().visible("detail-contact").getText().contains("*"), "the name masked");
        lookup.back();
        session.browser().visible("appeal-list");
        session.browser().tap("btn-done");
        session.page().waitForScreen("home");
        sim.removeCardAndWait();
    }
}
